// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createInProcessApi } from '@shared/ipc';
import { setApi } from '../../renderer/src/api';
import { INDEX_AT_ONCE_UP_TO } from '../../electron/core/import/pendingImport';
import { InboxPage } from '../../renderer/src/features/inbox/InboxPage';
import { useInboxStore } from '../../renderer/src/state/inboxStore';
import { rankingTask, toJsonl } from '../support/taskFixtures';
import { useTempDirs } from '../support/tempDir';
import { startTestCore, type TestCore } from '../support/testCore';

const tempDir = useTempDirs();
let core: TestCore | null = null;
afterEach(() => {
  cleanup();
  core?.close();
  core = null;
});

const MANY = INDEX_AT_ONCE_UP_TO + 500;

describe('searching while a large import is indexed', () => {
  it('says how many tasks are not searchable yet, and finds them all once they are', async () => {
    core = startTestCore(tempDir());
    const live = core;
    setApi(createInProcessApi(live.handlers, (listener) => live.events.on(listener)));
    // The App wires events to the inbox this way (App.tsx).
    const off = live.events.on((event) => {
      if (event.type === 'searchIndex') useInboxStore.getState().applySearchIndex(event.pending);
    });
    try {
      const { importId } = await live.call('beginImport', { fileName: 'many.jsonl', size: 0 });
      await live.call('appendImport', { importId, text: toJsonl(Array.from({ length: MANY }, (_, i) => rankingTask(`t${i}`, `About the enzyme number ${i}.`))) });
      // The search is asked before the indexer's first batch has run: nothing of the import is searchable yet.
      const finishing = live.call('finishImport', { importId });
      await finishing;
      useInboxStore.setState({ filters: { query: 'enzyme' }, loaded: true });
      await useInboxStore.getState().refresh();
      render(<InboxPage />);
      expect(useInboxStore.getState().searchPending).toBe(MANY);
      expect(screen.getByRole('status').textContent).toMatch(new RegExp(`Still indexing ${MANY.toLocaleString()} imported tasks for search`));
      await waitFor(() => expect(useInboxStore.getState().searchPending).toBe(0), { timeout: 20_000 });
      await waitFor(() => expect(useInboxStore.getState().matching).toBe(MANY));
      expect(screen.queryByText(/Still indexing/)).toBeNull();
    } finally {
      off();
    }
  });
});
