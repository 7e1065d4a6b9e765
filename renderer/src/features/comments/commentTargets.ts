import { anchorTargetKey, commentAnchorSchema, type CommentAnchor } from '@shared/domain';

/**
 * The attributes that make an element a place comments can anchor to: the key markers find it by, the anchor (as
 * JSON, without a quote) a selection inside it or a click on its marker produces, and a label for lists.
 */
export const commentTargetProps = (anchor: CommentAnchor, label: string) => ({
  'data-comment-target': anchorTargetKey(anchor),
  'data-comment-anchor': JSON.stringify(anchor),
  'data-comment-label': label,
});

export interface CommentTarget {
  anchor: CommentAnchor;
  label: string;
  element: HTMLElement;
}

/** Every anchorable place under `root`, in document order (a place shown twice counts once). */
export const findCommentTargets = (root: ParentNode): CommentTarget[] => {
  const seen = new Set<string>();
  const out: CommentTarget[] = [];
  for (const element of root.querySelectorAll<HTMLElement>('[data-comment-anchor]')) {
    const key = element.dataset.commentTarget ?? '';
    if (seen.has(key)) continue;
    const parsed = commentAnchorSchema.safeParse(JSON.parse(element.dataset.commentAnchor ?? 'null'));
    if (!parsed.success) continue;
    seen.add(key);
    out.push({ anchor: parsed.data, label: element.dataset.commentLabel ?? key, element });
  }
  return out;
};

/** The element a comment's anchor points at, if it is on screen. */
export const targetElement = (root: ParentNode, anchor: CommentAnchor): HTMLElement | null =>
  root.querySelector<HTMLElement>(`[data-comment-target="${CSS.escape(anchorTargetKey(anchor))}"]`);
