import { commentAnchorSchema, type CommentAnchor } from '@shared/domain';
import { quoteOf } from '@shared/review/textQuote';

const anchorElementOf = (node: Node | null): HTMLElement | null => {
  const element = node instanceof HTMLElement ? node : (node?.parentElement ?? null);
  return element?.closest<HTMLElement>('[data-comment-anchor]') ?? null;
};

const withQuote = (element: HTMLElement, text: string, start: number, end: number): CommentAnchor | null => {
  const base = commentAnchorSchema.safeParse(JSON.parse(element.dataset.commentAnchor ?? 'null'));
  if (!base.success) return null;
  const anchor = base.data;
  if (anchor.kind !== 'response' && anchor.kind !== 'step' && anchor.kind !== 'justification') return anchor;
  const quote = quoteOf(text, start, end);
  return quote ? { ...anchor, quote } : anchor;
};

/**
 * The anchor of what the reviewer selected: a span of a response or a step (offsets in the text as displayed), or
 * a range of a justification (offsets in its text). Null when nothing is selected inside one anchorable place.
 */
export const anchorFromSelection = (doc: Document = document): CommentAnchor | null => {
  const active = doc.activeElement;
  if (active instanceof HTMLTextAreaElement && active.selectionEnd > active.selectionStart) {
    const element = anchorElementOf(active);
    return element ? withQuote(element, active.value, active.selectionStart, active.selectionEnd) : null;
  }
  const selection = doc.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const element = anchorElementOf(range.startContainer);
  if (!element || element !== anchorElementOf(range.endContainer)) return null;
  const before = doc.createRange();
  before.selectNodeContents(element);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  return withQuote(element, element.textContent ?? '', start, start + range.toString().length);
};
