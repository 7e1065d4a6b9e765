/**
 * Highlights are stored as offsets into a response's source text, but the expert selects rendered text, and
 * the same words can occur several times. An occurrence is carried across by its rank (the k-th in one text
 * is the k-th in the other) when both texts hold the words equally often, else by its relative position.
 */
const occurrences = (haystack: string, needle: string): number[] => {
  const found: number[] = [];
  if (!needle) return found;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
};

/** Where in `toText` the occurrence of `needle` found at `fromOffset` of `fromText` is; -1 when `toText` lacks it. */
export const correspondingOffset = (fromText: string, fromOffset: number, toText: string, needle: string): number => {
  const targets = occurrences(toText, needle);
  if (targets.length === 0) return -1;
  const sources = occurrences(fromText, needle);
  const rank = sources.filter((at) => at < fromOffset).length;
  if (sources.length === targets.length) return targets[Math.min(rank, targets.length - 1)]!;
  const aim = (fromOffset / Math.max(1, fromText.length)) * toText.length;
  return targets.reduce((best, at) => (Math.abs(at - aim) < Math.abs(best - aim) ? at : best));
};

/** The source offsets of text selected at `renderedOffset` of the rendered view, or null when the source lacks it. */
export const anchorSelection = (
  content: string,
  selectedText: string,
  renderedText: string,
  renderedOffset: number,
): { start: number; end: number } | null => {
  const trimmed = selectedText.trim();
  const lead = selectedText.length - selectedText.trimStart().length;
  for (const [text, offset] of [
    [selectedText, renderedOffset],
    [trimmed, renderedOffset + lead],
  ] as const) {
    if (!text) continue;
    const at = correspondingOffset(renderedText, offset, content, text);
    if (at >= 0) return { start: at, end: at + text.length };
  }
  return null;
};
