// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppFailure } from '@shared/domain';
import { createInProcessApi, type AssayApi } from '@shared/ipc';
import { setApi } from '../../renderer/src/api';
import { useAppStore } from '../../renderer/src/state/appStore';
import { useExportStore } from '../../renderer/src/state/exportStore';
import { createFakeApi } from '../support/fakeApi';
import { rankingAnnotation, rankingTask, toJsonl } from '../support/taskFixtures';
import { useTempDirs } from '../support/tempDir';
import { startTestCore, type TestCore } from '../support/testCore';

const tempDir = useTempDirs();
let core: TestCore | null = null;
type Picker = (options: { suggestedName: string }) => Promise<FileSystemFileHandle>;
const picker = window as unknown as { showSaveFilePicker?: Picker };

beforeEach(() => useAppStore.setState({ notices: [] }));
afterEach(() => {
  core?.close();
  core = null;
  delete picker.showSaveFilePicker;
  vi.restoreAllMocks();
});

const notices = () => useAppStore.getState().notices.map((n) => `${n.tone}: ${n.text}`);

/** A real core with `count` submitted ranking tasks; its save dialog (when given) answers `chooseSavePath`. */
const coreWithWork = async (count: number, chooseSavePath?: (name: string) => Promise<string | null>) => {
  core = startTestCore(tempDir(), chooseSavePath ? { chooseSavePath } : {});
  const tasks = Array.from({ length: count }, (_, i) => rankingTask(`e${String(i).padStart(3, '0')}`));
  await core.call('importTasks', { fileName: 'e.jsonl', text: toJsonl(tasks) });
  for (const task of tasks) {
    await core.call('saveDraft', { taskId: task.id, annotation: rankingAnnotation('x'), activeSeconds: 1 });
    await core.call('submitTask', { taskId: task.id });
  }
  return core;
};

/** The renderer's api over the real core, with the calls made counted by name. */
const apiOver = (target: TestCore, wrap: Partial<AssayApi> = {}) => {
  const calls: string[] = [];
  const inner = createInProcessApi(target.handlers);
  const counted = Object.fromEntries(
    Object.entries({ ...inner, ...wrap }).map(([name, fn]) => [
      name,
      name === 'onEvent' ? fn : (input: unknown) => (calls.push(name), (fn as (i: unknown) => unknown)(input)),
    ]),
  ) as unknown as AssayApi;
  setApi(counted);
  return { calls, inner };
};

/** A File System Access handle whose writable keeps what was written; closed or aborted. */
const fakeHandle = () => {
  const written: string[] = [];
  let state: 'open' | 'closed' | 'aborted' = 'open';
  const handle = {
    createWritable: async () => ({
      write: async (text: string) => void written.push(text),
      close: async () => void (state = 'closed'),
      abort: async () => void (state = 'aborted'),
    }),
    getFile: async () => new Blob(written),
  } as unknown as FileSystemFileHandle;
  return { handle, written, state: () => state };
};

describe('where an export goes', () => {
  it('in the desktop app, the save dialog: the core writes the chosen file chunk by chunk, the picker is never asked', async () => {
    const folder = tempDir();
    const c = await coreWithWork(230, async () => join(folder, 'mine.jsonl'));
    const { calls } = apiOver(c);
    picker.showSaveFilePicker = vi.fn<Picker>(async () => {
      throw new Error('the picker must not be asked');
    });
    const progress: number[] = [];
    const unsubscribe = useExportStore.subscribe((s) => {
      if (s.running) {
        expect(s.running.fileName).toBe('mine.jsonl');
        progress.push(s.running.considered);
      }
    });
    await useExportStore.getState().start('dpo-jsonl', undefined);
    unsubscribe();

    expect(picker.showSaveFilePicker).not.toHaveBeenCalled();
    expect(calls.filter((n) => n === 'writeExport')).toHaveLength(3);
    expect(calls).not.toContain('readExport');
    expect(progress).toEqual([0, 100, 200, 230]);
    expect(notices()).toEqual(['success: Exported 230 submitted tasks to mine.jsonl.']);
    expect(readdirSync(folder)).toEqual(['mine.jsonl']);
    expect(readFileSync(join(folder, 'mine.jsonl'), 'utf8')).toBe((await c.call('exportAnnotations', { format: 'dpo-jsonl' })).text);
    expect(useExportStore.getState().running).toBeNull();
  });

  it('Cancel during a desktop export leaves no file and no temporary file', async () => {
    const folder = tempDir();
    const c = await coreWithWork(230, async () => join(folder, 'mine.jsonl'));
    const inner = createInProcessApi(c.handlers);
    const { calls } = apiOver(c, {
      writeExport: async (input) => {
        const answer = await inner.writeExport(input);
        // The person presses Cancel while the first chunk is being written.
        useExportStore.getState().cancel();
        expect(readdirSync(folder)).toHaveLength(1);
        return answer;
      },
    });
    await useExportStore.getState().start('dpo-jsonl', undefined);
    expect(calls.filter((n) => n === 'writeExport')).toHaveLength(1);
    expect(calls.at(-1)).toBe('cancelExport');
    expect(notices()).toEqual(['info: Export to mine.jsonl cancelled: no file was written.']);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a dismissed save dialog writes nothing and shows no picker', async () => {
    const c = await coreWithWork(3, async () => null);
    const { calls } = apiOver(c);
    picker.showSaveFilePicker = vi.fn<Picker>();
    await useExportStore.getState().start('dpo-jsonl', undefined);
    expect(picker.showSaveFilePicker).not.toHaveBeenCalled();
    expect(calls).toEqual(['beginExport', 'chooseExportFile', 'cancelExport']);
    expect(notices()).toEqual([]);
  });

  it('a chosen file the core cannot write is an error, and the export is cancelled', async () => {
    const { api } = createFakeApi({
      beginExport: () => ({ exportId: 'x1', fileName: 'a.jsonl', total: 3 }),
      chooseExportFile: () => {
        throw new AppFailure('storage_failed', 'Assay cannot write to the folder of a.jsonl: EACCES. Choose another folder.');
      },
      cancelExport: () => ({ cancelled: true }),
    });
    setApi(api);
    await useExportStore.getState().start('dpo-jsonl', undefined);
    expect(notices()).toEqual(['error: Export failed, no file was written: Assay cannot write to the folder of a.jsonl: EACCES. Choose another folder.']);
  });

  it('without a save dialog (the harness), the File System Access picker, written by the renderer', async () => {
    const c = await coreWithWork(230);
    const { calls } = apiOver(c);
    const file = fakeHandle();
    const asked: string[] = [];
    picker.showSaveFilePicker = async ({ suggestedName }) => {
      asked.push(suggestedName);
      return file.handle;
    };
    await useExportStore.getState().start('dpo-jsonl', undefined);
    expect(asked).toEqual([expect.stringMatching(/^preferences\.dpo\..*\.jsonl$/)]);
    expect(calls).toContain('chooseExportFile');
    expect(calls).not.toContain('writeExport');
    expect(file.written.length).toBeGreaterThan(1);
    expect(file.written.join('')).toBe((await c.call('exportAnnotations', { format: 'dpo-jsonl' })).text);
    expect(file.state()).toBe('closed');
  });

  it('without a save dialog or a picker, a download of the whole file', async () => {
    const c = await coreWithWork(5);
    apiOver(c);
    let blob: Blob | null = null;
    let downloaded = '';
    URL.createObjectURL = (b: Blob) => ((blob = b), 'blob:assay-test');
    URL.revokeObjectURL = () => {};
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloaded = this.download;
    });
    await useExportStore.getState().start('dpo-jsonl', undefined);
    expect(downloaded).toMatch(/^preferences\.dpo\..*\.jsonl$/);
    expect(await (blob as Blob | null)?.text()).toBe((await c.call('exportAnnotations', { format: 'dpo-jsonl' })).text);
  });
});
