// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LARGE_PASTE_CHARS } from '@shared/domain';
import type { InputOf } from '@shared/ipc';
import { setApi } from '../../renderer/src/api';
import { useDraftStore } from '../../renderer/src/features/workspace/draftStore';
import { usePasteSignal } from '../../renderer/src/features/workspace/usePasteSignal';
import { createFakeApi } from '../support/fakeApi';

function Field() {
  const onPaste = usePasteSignal('justification');
  return <textarea aria-label="Justification" onPaste={onPaste} />;
}

const paste = (text: string) => fireEvent.paste(screen.getByRole('textbox'), { clipboardData: { getData: (type: string) => (type === 'text/plain' ? text : '') } });

describe('large pastes as activity signals', () => {
  let recorded: InputOf<'recordPaste'>[];
  beforeEach(() => {
    recorded = [];
    setApi(createFakeApi({ recordPaste: (input) => (recorded.push(input), { recorded: true }) }).api);
    useDraftStore.setState({ taskId: 't1', readOnly: false, detached: false });
  });
  afterEach(cleanup);

  it('records the size of a large paste and where it went, never the text', async () => {
    render(<Field />);
    const secret = 'x'.repeat(LARGE_PASTE_CHARS + 50);
    paste(secret);
    await waitFor(() => expect(recorded).toEqual([{ taskId: 't1', target: 'justification', chars: LARGE_PASTE_CHARS + 50 }]));
    expect(JSON.stringify(recorded)).not.toContain('xxxx');
  });

  it('ignores a small paste, and any paste into read-only work or a reviewer’s fix', async () => {
    render(<Field />);
    paste('short');
    useDraftStore.setState({ readOnly: true });
    paste('y'.repeat(LARGE_PASTE_CHARS * 2));
    useDraftStore.setState({ readOnly: false, detached: true });
    paste('z'.repeat(LARGE_PASTE_CHARS * 2));
    useDraftStore.setState({ detached: false });
    paste('w'.repeat(LARGE_PASTE_CHARS));
    await waitFor(() => expect(recorded).toHaveLength(1));
    expect(recorded[0]!.chars).toBe(LARGE_PASTE_CHARS);
  });
});
