import type { CommentAnchor, TextQuote } from '../domain/commentAnchor';

const SHORT = 60;

/** The quoted text, cut to a glance. */
export const shortQuote = (quote: TextQuote): string => {
  const flat = quote.exact.replace(/\s+/g, ' ').trim();
  return `“${flat.length > SHORT ? `${flat.slice(0, SHORT - 1)}…` : flat}”`;
};

export interface AnchorNames {
  responseLabel?: (id: string) => string;
  criterionLabel?: (id: string) => string;
  stepLabel?: (id: string) => string;
}

/**
 * Where a comment points, in words: "Response B: “the integral…”", "Step s3", "Rating of B on Clarity",
 * "Justification", "Patch hunk 2 of src/a.py". `responseLabel` turns a response id into the blind label the
 * expert saw; `criterionLabel` a criterion id into its name.
 */
export const describeAnchor = (
  anchor: CommentAnchor,
  names: AnchorNames = {},
): string => {
  const response = (id: string) => names.responseLabel?.(id) ?? id;
  switch (anchor.kind) {
    case 'task':
      return 'The task as a whole';
    case 'path':
      return anchor.path;
    case 'response':
      return `Response ${response(anchor.responseId)}${anchor.quote ? `: ${shortQuote(anchor.quote)}` : ''}`;
    case 'step':
      return `${names.stepLabel?.(anchor.stepId) ?? `Step ${anchor.stepId}`}${anchor.quote ? `: ${shortQuote(anchor.quote)}` : ''}`;
    case 'ratingCell':
      return `Rating of ${response(anchor.responseId)} on ${names.criterionLabel?.(anchor.criterionId) ?? anchor.criterionId}`;
    case 'justification':
      return `Justification${anchor.quote ? `: ${shortQuote(anchor.quote)}` : ''}`;
    case 'hunk':
      return `Patch hunk ${anchor.hunk + 1} of ${anchor.file}`;
  }
};
