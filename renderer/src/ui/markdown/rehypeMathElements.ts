import type { Element, ElementContent, Root, RootContent } from 'hast';

/** The element name a formula becomes; ModelMarkdown maps it to MathSpan. */
export const MATH_TAG = 'assay-math';

const hasClass = (node: Element | undefined, name: string): boolean => {
  const classes = node?.properties?.className;
  return Array.isArray(classes) && classes.includes(name);
};
const textOf = (node: ElementContent | RootContent): string =>
  node.type === 'text' ? node.value : 'children' in node ? (node.children as ElementContent[]).map(textOf).join('') : '';

const math = (tex: string, display: boolean): Element => ({
  type: 'element',
  tagName: MATH_TAG,
  properties: { dataTex: tex, dataDisplay: display ? 'true' : 'false' },
  children: [],
});

/**
 * Before React sees the tree: the code elements remark-math makes become one small `assay-math` element holding
 * the TeX, and code blocks become focusable (the keyboard scrolls them). Done here rather than in `code`/`pre`
 * components, because react-markdown hands a component its whole hast subtree as a prop, which the rendered page
 * then keeps alive: every highlighted token of every code block, for as long as the task is open.
 */
export function rehypeMathElements() {
  const walk = (parent: Root | Element) => {
    parent.children = parent.children.map((child) => {
      if (child.type !== 'element') return child;
      if (child.tagName === 'code' && hasClass(child, 'math-inline')) return math(textOf(child), false);
      if (child.tagName === 'pre') {
        const code = child.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
        if (hasClass(code, 'math-display') && code) return math(textOf(code), true);
        child.properties = { ...child.properties, tabIndex: 0 };
      }
      walk(child);
      return child;
    }) as typeof parent.children;
  };
  return (tree: Root) => walk(tree);
}
