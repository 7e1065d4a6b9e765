import type { Element, ElementContent, Root, RootContent } from 'hast';

/** The element names a formula and a code block become; ModelMarkdown maps them to MathSpan and CodeBlock. */
export const MATH_TAG = 'assay-math';
export const CODE_TAG = 'assay-code';

const hasClass = (node: Element | undefined, name: string): boolean => {
  const classes = node?.properties?.className;
  return Array.isArray(classes) && classes.includes(name);
};
const textOf = (node: ElementContent | RootContent): string =>
  node.type === 'text' ? node.value : 'children' in node ? (node.children as ElementContent[]).map(textOf).join('') : '';

/** The language a fenced block names (`language-x` or `lang-x`), '' for none or `no-highlight`. */
const languageOf = (code: Element): string => {
  const classes = Array.isArray(code.properties?.className) ? code.properties.className.map(String) : [];
  if (classes.includes('no-highlight') || classes.includes('nohighlight')) return '';
  const named = classes.find((c) => c.startsWith('language-') || c.startsWith('lang-'));
  return named ? named.slice(named.indexOf('-') + 1) : '';
};

const codeBlock = (code: Element): Element => ({
  type: 'element',
  tagName: CODE_TAG,
  properties: { dataLang: languageOf(code), dataCode: textOf(code) },
  children: [],
});

const math = (tex: string, display: boolean): Element => ({
  type: 'element',
  tagName: MATH_TAG,
  properties: { dataTex: tex, dataDisplay: display ? 'true' : 'false' },
  children: [],
});

/**
 * Before React sees the tree: the code elements remark-math makes become one small `assay-math` element holding
 * the TeX, and each code block one `assay-code` element holding its language and text (codeHighlighter.ts then
 * highlights it outside React). Done here rather than in `code`/`pre` components, because react-markdown hands a
 * component its whole hast subtree as a prop, which the rendered page then keeps alive for as long as it shows.
 */
export function rehypeMathElements() {
  const walk = (parent: Root | Element) => {
    parent.children = parent.children.map((child) => {
      if (child.type !== 'element') return child;
      if (child.tagName === 'code' && hasClass(child, 'math-inline')) return math(textOf(child), false);
      if (child.tagName === 'pre') {
        const code = child.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
        if (hasClass(code, 'math-display') && code) return math(textOf(code), true);
        if (code) return codeBlock(code);
      }
      walk(child);
      return child;
    }) as typeof parent.children;
  };
  return (tree: Root) => walk(tree);
}
