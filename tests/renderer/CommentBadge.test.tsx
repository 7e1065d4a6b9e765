// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CommentBadge } from '../../renderer/src/features/comments/CommentBadge';
import { useCommentStore } from '../../renderer/src/features/comments/commentStore';
import { findCommentTargets, commentTargetProps } from '../../renderer/src/features/comments/commentTargets';
import { anchorFromSelection } from '../../renderer/src/features/comments/selectionAnchor';

const comment = (id: string, stepId: string) => ({ id, anchor: { kind: 'step' as const, stepId }, body: `about ${stepId}`, author: 'rita', replies: [] });

function Step({ id, text }: { id: string; text: string }) {
  return (
    <section>
      <header>
        Step {id} <CommentBadge anchor={{ kind: 'step', stepId: id }} label={`step ${id}`} />
      </header>
      <div {...commentTargetProps({ kind: 'step', stepId: id }, `Step ${id}`)}>
        <p>{text}</p>
      </div>
    </section>
  );
}

describe('comment markers in a workspace', () => {
  afterEach(() => {
    cleanup();
    useCommentStore.getState().reset();
  });

  it('shows a badge only where comments point, and opens the comment from it', () => {
    useCommentStore.getState().show([comment('c1', 's2'), comment('c2', 's2')]);
    render(
      <>
        <Step id="s1" text="x = 1" />
        <Step id="s2" text="so x + 1 = 3" />
      </>,
    );
    expect(screen.queryByRole('button', { name: /on step s1/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '2 review comments on step s2' }));
    expect(useCommentStore.getState().activeId).toBe('c1');
  });

  it('offers every place while a reviewer writes a return, and anchors a selection inside one with its quote', () => {
    useCommentStore.getState().setPicking(true);
    render(
      <>
        <Step id="s1" text="x = 1" />
        <Step id="s2" text="so x + 1 = 3" />
      </>,
    );
    expect(findCommentTargets(document).map((t) => t.label)).toEqual(['Step s1', 'Step s2']);
    fireEvent.click(screen.getByRole('button', { name: 'Comment on step s1' }));
    expect(useCommentStore.getState().picked).toEqual({ kind: 'step', stepId: 's1' });

    const text = screen.getByText('so x + 1 = 3').firstChild!;
    const range = document.createRange();
    range.setStart(text, 3);
    range.setEnd(text, 8);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
    expect(anchorFromSelection()).toEqual({ kind: 'step', stepId: 's2', quote: { exact: 'x + 1', prefix: 'so ', suffix: ' = 3', start: 3, end: 8 } });
    // A selection across two places anchors nothing.
    range.setStart(screen.getByText('x = 1').firstChild!, 0);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
    expect(anchorFromSelection()).toBeNull();
  });
});
