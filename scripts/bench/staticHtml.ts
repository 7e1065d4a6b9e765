/**
 * The floor: the same markdown rendered to static HTML in Node (KaTeX and highlight.js done beforehand), so
 * Chromium only has to parse and lay out. Same plugins and options as renderer/src/ui/markdown/ModelMarkdown.tsx.
 *
 * rehype-stringify (and hast-util-to-html) are not installed, so `hastToHtml` below serializes the tree itself;
 * it only has to handle what remark-rehype, rehype-katex and rehype-highlight produce.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { find, html as htmlSchema, svg as svgSchema, type Schema } from 'property-information';
import rehypeHighlight from 'rehype-highlight';
import rehypeKatex from 'rehype-katex';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

/** Same options as the app (ModelMarkdown.tsx): keep in step with it, or the floor measures different work. */
export const KATEX_OPTIONS = { throwOnError: false, strict: 'ignore', trust: false, maxExpand: 500, maxSize: 20, output: 'html' } as const;

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkMath)
  .use(remarkRehype)
  .use(rehypeKatex, KATEX_OPTIONS)
  .use(rehypeHighlight, { detect: false });

export interface RenderedMarkdown {
  html: string;
  /** Elements with class "katex" (one per formula, inline or display). */
  katex: number;
  /** KaTeX parse errors rendered in red instead of math; the generator must produce none. */
  katexErrors: number;
  /** `pre > code` elements. */
  codeBlocks: number;
  elements: number;
}

export function markdownToHtml(markdown: string): RenderedMarkdown {
  const tree = processor.runSync(processor.parse(markdown)) as Root;
  const counts = { katex: 0, katexErrors: 0, codeBlocks: 0, elements: 0 };
  const visit = (node: Root | RootContent, parentTag: string) => {
    if (node.type === 'element') {
      counts.elements++;
      const cls = node.properties.className;
      const classes = Array.isArray(cls) ? cls.map(String) : [];
      if (classes.includes('katex')) counts.katex++;
      if (classes.includes('katex-error')) counts.katexErrors++;
      if (node.tagName === 'code' && parentTag === 'pre') counts.codeBlocks++;
      node.children.forEach((c) => visit(c, node.tagName));
    } else if (node.type === 'root') {
      node.children.forEach((c) => visit(c, ''));
    }
  };
  visit(tree, '');
  return { html: hastToHtml(tree), ...counts };
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** Minimal hast → HTML serializer (elements, text, svg, comments dropped). Exported for the smoke test. */
export function hastToHtml(node: Root | RootContent | ElementContent, schema: Schema = htmlSchema): string {
  switch (node.type) {
    case 'root':
      return node.children.map((c) => hastToHtml(c, schema)).join('');
    case 'text':
      return escapeText(node.value);
    case 'element':
      return elementToHtml(node, node.tagName === 'svg' ? svgSchema : schema);
    case 'raw':
      return (node as { value: string }).value;
    default:
      return '';
  }
}

function elementToHtml(el: Element, schema: Schema): string {
  let attrs = '';
  for (const [key, value] of Object.entries(el.properties)) {
    if (value === undefined || value === null || value === false) continue;
    const info = find(schema, key);
    if (value === true) {
      attrs += ` ${info.attribute}`;
      continue;
    }
    const text = Array.isArray(value) ? value.join(info.commaSeparated ? ', ' : ' ') : String(value);
    attrs += ` ${info.attribute}="${escapeAttr(text)}"`;
  }
  const open = `<${el.tagName}${attrs}>`;
  if (VOID.has(el.tagName) && schema === htmlSchema) return open;
  return `${open}${el.children.map((c) => hastToHtml(c, schema)).join('')}</${el.tagName}>`;
}

/**
 * The whole floor page: 4 columns side by side, everything laid out at once (no content-visibility), KaTeX CSS
 * from node_modules, and a textarea for the typing baseline. It records its own "complete layout" time.
 */
export function floorPage(responsesHtml: string[], katexCssHref: string): string {
  const columns = responsesHtml
    .map(
      (html, i) =>
        `<section class="response-column" aria-label="Response ${String.fromCharCode(65 + i)}"><h2>Response ${String.fromCharCode(65 + i)}</h2><div class="model-markdown">${html}</div></section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Floor: static HTML</title>
<link rel="stylesheet" href="${katexCssHref}">
<style>
body { margin: 0; font: 14px/1.55 system-ui, sans-serif; color: #1f2328; background: #fff; }
.columns { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 12px; padding: 12px; }
.response-column { border: 1px solid #d0d7de; border-radius: 8px; padding: 8px 14px; min-width: 0; }
.model-markdown { overflow-wrap: anywhere; }
.model-markdown table { border-collapse: collapse; display: block; overflow-x: auto; max-width: 100%; font-size: 13px; }
.model-markdown th, .model-markdown td { border: 1px solid #d0d7de; padding: 4px 8px; }
.model-markdown pre { background: #f6f8fa; border-radius: 6px; padding: 10px 12px; overflow-x: auto; white-space: pre; }
.model-markdown .katex-display { overflow-x: auto; overflow-y: hidden; padding: 2px 0; }
.hljs-keyword, .hljs-built_in { color: #8250df; } .hljs-string { color: #0a7b36; } .hljs-number { color: #b35900; }
.hljs-comment { color: #656d76; font-style: italic; } .hljs-title { color: #0550ae; }
textarea { width: 360px; }
</style>
<script>
addEventListener('load', () => {
  void document.body.offsetHeight; // force the complete layout
  requestAnimationFrame(() => { window.__floorDone = performance.now(); });
});
</script>
</head><body>
<textarea id="justification" aria-label="Justification" rows="4"></textarea>
<main class="columns">
${columns}
</main>
</body></html>`;
}
