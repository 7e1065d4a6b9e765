import type { Root, RootContent } from 'mdast';

type Parent = { children: RootContent[] };

/**
 * Model output is untrusted: raw HTML in it is shown as the text it is, never parsed into elements.
 * (react-markdown would otherwise drop it silently, hiding what the model wrote.)
 */
export function remarkHtmlAsText() {
  const walk = (node: Parent, blockLevel: boolean) => {
    node.children = node.children.map((child): RootContent => {
      if (child.type === 'html') {
        const text = { type: 'text' as const, value: child.value };
        return blockLevel ? { type: 'paragraph', children: [text] } : text;
      }
      if ('children' in child) walk(child as Parent, child.type === 'blockquote' || child.type === 'listItem');
      return child;
    });
  };
  return (tree: Root) => walk(tree, true);
}
