// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '@shared/domain';
import { setApi } from '../../renderer/src/api';
import { Welcome } from '../../renderer/src/features/welcome/Welcome';
import { ImportButton } from '../../renderer/src/features/inbox/ImportButton';
import { Notices } from '../../renderer/src/ui/Notices';
import { useAppStore } from '../../renderer/src/state/appStore';
import { createFakeApi, emptyTaskWindow } from '../support/fakeApi';

const info = { version: '0.1.0', shell: 'test' as const, dataDir: '/tmp/x', annotatorId: 'local', taskCount: 0, storeNotice: null };

describe('first start', () => {
  beforeEach(() => useAppStore.setState({ notices: [] }));
  afterEach(cleanup);

  it('loads the demo workspace through the api and refreshes the inbox', async () => {
    let loaded = 0;
    const { api } = createFakeApi({
      loadDemo: () => ({ imported: ++loaded * 3 }),
      listTasks: () => emptyTaskWindow(3),
      getAppInfo: () => ({ ...info, taskCount: 3 }),
    });
    setApi(api);
    render(<Welcome />);
    fireEvent.click(screen.getByRole('button', { name: 'Try the demo workspace' }));
    await waitFor(() => expect(useAppStore.getState().info?.taskCount).toBe(3));
    expect(loaded).toBe(1);
  });

  it('shows an import failure with the line and field, as the core reported them', async () => {
    const { api } = createFakeApi({
      beginImport: () => ({ importId: 'i1' }),
      appendImport: ({ text }) => ({ tasksRead: text.split('\n').length }),
      finishImport: () => {
        throw new AppFailure('import_failed', 'Line 2: payload.responses: expected at least 2 responses', 'line 2, field payload.responses');
      },
    });
    setApi(api);
    render(
      <>
        <ImportButton />
        <Notices />
      </>,
    );
    const input = screen.getByLabelText('Task file to import');
    const file = new File(['{}\n{}'], 'broken.jsonl', { type: 'application/json' });
    await act(async () => {
      fireEvent.change(input, { target: { files: [file] } });
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Nothing was imported from broken.jsonl');
    expect(alert.textContent).toContain('line 2, field payload.responses');
  });
});
