import type { TextQuote } from '../domain/commentAnchor';

const CONTEXT = 32;

/** The quote of `text[start, end)` with a little context on each side, as an anchor stores it. */
export const quoteOf = (text: string, start: number, end: number): TextQuote | null => {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  const exact = text.slice(from, to);
  if (exact.trim() === '') return null;
  return { exact, prefix: text.slice(Math.max(0, from - CONTEXT), from), suffix: text.slice(to, to + CONTEXT), start: from, end: to };
};

/** How many characters of `a` (read backwards when `backwards`) and `b` agree from the start. */
const agreeing = (a: string, b: string, backwards: boolean): number => {
  let n = 0;
  const max = Math.min(a.length, b.length);
  while (n < max && (backwards ? a[a.length - 1 - n] === b[b.length - 1 - n] : a[n] === b[n])) n++;
  return n;
};

/**
 * Finds a quoted span in the text as it is shown now: the stored offsets when the quote is still there, else the
 * occurrence whose context agrees best with the stored prefix and suffix (then the one nearest the old offset).
 * Null when the quoted text is gone: the comment then shows in the list only, marked as no longer found.
 */
export const locateQuote = (text: string, quote: TextQuote): { start: number; end: number } | null => {
  const { exact } = quote;
  if (text.slice(quote.start, quote.start + exact.length) === exact) return { start: quote.start, end: quote.start + exact.length };
  let best: { start: number; score: number; distance: number } | null = null;
  for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) {
    const score = agreeing(text.slice(Math.max(0, at - quote.prefix.length), at), quote.prefix, true) + agreeing(text.slice(at + exact.length), quote.suffix, false);
    const distance = Math.abs(at - quote.start);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) best = { start: at, score, distance };
  }
  return best ? { start: best.start, end: best.start + exact.length } : null;
};
