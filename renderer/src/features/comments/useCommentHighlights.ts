import { useEffect } from 'react';
import { anchorTargetKey } from '@shared/domain';
import { locateQuote } from '@shared/review/textQuote';
import { useCommentStore, type AnchoredComment } from './commentStore';

const NAME = 'assay-comment';
const ACTIVE = 'assay-comment-active';

/** A DOM range over `text[start, end)` of `element`'s text nodes. */
const rangeIn = (element: HTMLElement, start: number, end: number): Range | null => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0;
  let started = false;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const next = seen + n.data.length;
    if (!started && start < next) {
      range.setStart(n, start - seen);
      started = true;
    }
    if (started && end <= next) {
      range.setEnd(n, end - seen);
      return range;
    }
    seen = next;
  }
  return null;
};

const quotedRange = (root: HTMLElement, comment: AnchoredComment): Range | null => {
  const { anchor } = comment;
  if ((anchor.kind !== 'response' && anchor.kind !== 'step') || !anchor.quote) return null;
  const element = root.querySelector<HTMLElement>(`[data-comment-target="${CSS.escape(anchorTargetKey(anchor))}"]`);
  if (!element) return null;
  const at = locateQuote(element.textContent ?? '', anchor.quote);
  return at ? rangeIn(element, at.start, at.end) : null;
};

/**
 * Marks each quoted span a comment points at, in place, with the CSS Custom Highlight API (no DOM change, so the
 * rendered markdown is never re-rendered for it), again whenever the workspace's text changes (markdown renders in
 * chunks). The comment opened last is marked more strongly.
 */
export const useCommentHighlights = (rootSelector: string): void => {
  const comments = useCommentStore((s) => s.comments);
  const activeId = useCommentStore((s) => s.activeId);
  useEffect(() => {
    if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
    const root = document.querySelector<HTMLElement>(rootSelector);
    if (!root) return;
    let frame = 0;
    const paint = () => {
      frame = 0;
      const all: Range[] = [];
      const active: Range[] = [];
      for (const comment of comments) {
        const range = quotedRange(root, comment);
        if (range) (comment.id === activeId ? active : all).push(range);
      }
      CSS.highlights.set(NAME, new Highlight(...all));
      CSS.highlights.set(ACTIVE, new Highlight(...active));
    };
    paint();
    const observer = new MutationObserver(() => {
      if (frame === 0) frame = requestAnimationFrame(paint);
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
      CSS.highlights.delete(NAME);
      CSS.highlights.delete(ACTIVE);
    };
  }, [comments, activeId, rootSelector]);
};

/** The nearest ancestor that scrolls its content (a response's body, a step list). */
const scrollBoxOf = (element: HTMLElement): HTMLElement | null => {
  for (let at: HTMLElement | null = element; at; at = at.parentElement) {
    const { overflowY } = getComputedStyle(at);
    if ((overflowY === 'auto' || overflowY === 'scroll') && at.scrollHeight > at.clientHeight) return at;
  }
  return null;
};

/** Scrolls to the place a comment points at and selects its quoted range when that is in a text field. */
export const revealAnchor = (root: ParentNode, comment: AnchoredComment): void => {
  const element = root.querySelector<HTMLElement>(`[data-comment-target="${CSS.escape(anchorTargetKey(comment.anchor))}"]`);
  if (!element) return;
  const { anchor } = comment;
  // A quoted span: bring the span itself into view (inside a long response, not the response's middle).
  const quoted = element instanceof HTMLElement && 'quote' in anchor && anchor.quote && anchor.kind !== 'justification' ? quotedRange(element.ownerDocument.body, comment) : null;
  element.scrollIntoView({ block: 'nearest' });
  if (quoted) {
    const box = scrollBoxOf(element);
    if (box) box.scrollTop += quoted.getBoundingClientRect().top - box.getBoundingClientRect().top - 24;
  }
  const field = element.querySelector('textarea');
  if (anchor.kind === 'justification' && anchor.quote && field) {
    const at = locateQuote(field.value, anchor.quote);
    field.focus();
    if (at) field.setSelectionRange(at.start, at.end);
  }
};
