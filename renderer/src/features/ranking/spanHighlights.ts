import { correspondingOffset } from '@shared/ranking';

/**
 * Paints highlighted spans with the CSS Custom Highlight API: no DOM is changed, so the rendered markdown
 * (and its math) is never re-rendered to show a highlight.
 */
const rangesByResponse = new Map<string, Range[]>();
const HIGHLIGHT_NAME = 'assay-span';

const findRange = (root: HTMLElement, content: string, span: { start: number; end: number }): Range | null => {
  const quote = content.slice(span.start, span.end);
  if (!quote) return null;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: { node: Text; start: number }[] = [];
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push({ node: n as Text, start: text.length });
    text += (n as Text).data;
  }
  const at = correspondingOffset(content, span.start, text, quote);
  if (at < 0) return null;
  const locate = (offset: number) => {
    const hit = nodes.findLast((entry) => entry.start <= offset) ?? nodes[0]!;
    return { node: hit.node, offset: Math.min(offset - hit.start, hit.node.data.length) };
  };
  const start = locate(at);
  const end = locate(at + quote.length);
  const range = document.createRange();
  range.setStart(start.node, start.offset);
  range.setEnd(end.node, end.offset);
  return range;
};

export function paintSpans(responseId: string, root: HTMLElement | null, content: string, spans: readonly { start: number; end: number }[]) {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
  const ranges = root ? spans.map((span) => findRange(root, content, span)).filter((r): r is Range => r !== null) : [];
  rangesByResponse.set(responseId, ranges);
  CSS.highlights.set(HIGHLIGHT_NAME, new Highlight(...[...rangesByResponse.values()].flat()));
}

export function clearSpans(responseId: string) {
  rangesByResponse.delete(responseId);
  if (typeof CSS !== 'undefined' && 'highlights' in CSS) {
    CSS.highlights.set(HIGHLIGHT_NAME, new Highlight(...[...rangesByResponse.values()].flat()));
  }
}
