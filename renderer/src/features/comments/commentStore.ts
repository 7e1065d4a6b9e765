import { create } from 'zustand';
import { anchorTargetKey, type CommentAnchor } from '@shared/domain';

export interface ThreadReply {
  key: string;
  body: string;
  author: string;
  /** For a reply written on this computer: waiting to be sent, sent, or refused. */
  state?: 'pending' | 'sent' | 'failed';
}

export interface AnchoredComment {
  id: string;
  anchor: CommentAnchor;
  body: string;
  author: string;
  replies: ThreadReply[];
}

interface CommentState {
  /** The comments shown at their anchors in the open workspace (the expert's returned task, or the reviewer's drafts). */
  comments: AnchoredComment[];
  /** The reviewer is writing a return: every anchorable place offers "comment here". */
  picking: boolean;
  /** Where the comment being written goes. */
  picked: CommentAnchor | null;
  /** The comment last opened from a marker (its list entry is highlighted and scrolled to). */
  activeId: string | null;
  show(comments: AnchoredComment[]): void;
  setPicking(picking: boolean): void;
  pick(anchor: CommentAnchor | null): void;
  focus(id: string | null): void;
  reset(): void;
}

/** The comments of the open task and where each sits; markers in the workspaces and the lists beside them read it. */
export const useCommentStore = create<CommentState>((set) => ({
  comments: [],
  picking: false,
  picked: null,
  activeId: null,
  show: (comments) => set({ comments }),
  setPicking: (picking) => set(picking ? { picking } : { picking, picked: null }),
  pick: (picked) => set({ picked }),
  focus: (activeId) => set({ activeId }),
  reset: () => set({ comments: [], picking: false, picked: null, activeId: null }),
}));

/** The comments whose anchor points at `targetKey`. */
export const commentsAt = (comments: readonly AnchoredComment[], targetKey: string): AnchoredComment[] =>
  comments.filter((c) => anchorTargetKey(c.anchor) === targetKey);
