import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { callCore } from './coreBridge';
import { expect, screenshotDir, test } from './harness';

const COUNT = 400;
const pad = (n: number) => String(n).padStart(4, '0');

const tasksFile = (): Buffer =>
  Buffer.from(
    Array.from({ length: COUNT }, (_, i) =>
      JSON.stringify({
        id: `exp-${pad(i)}`,
        project: 'Export',
        version: 1,
        title: `Ranking ${pad(i)}`,
        guidelines: '',
        payload: {
          kind: 'ranking',
          conversation: [{ role: 'user', content: `Which answer explains case ${i} better?` }],
          responses: [
            { id: 'r1', content: `First answer ${i}.` },
            { id: 'r2', content: `Second answer ${i}.` },
          ],
        },
      }),
    ).join('\n') + '\n',
  );

/** Imports COUNT ranking tasks through the screen, then ranks and submits each through the core bridge. */
const submitMany = async (page: Page) => {
  await page.getByTestId('import-file-input').setInputFiles({ name: 'export.jsonl', mimeType: 'application/json', buffer: tasksFile() });
  await expect(page.getByRole('status').filter({ hasText: `Imported ${COUNT} tasks` })).toBeVisible({ timeout: 60_000 });
  await page.evaluate(async (count) => {
    const token = document.querySelector<HTMLMetaElement>('meta[name="assay-bridge-token"]')?.content ?? '';
    const call = async (name: string, body: unknown) => {
      const response = await fetch(`/bridge/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-assay-token': token }, body: JSON.stringify(body) });
      const result = (await response.json()) as { ok: boolean; error?: unknown };
      if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
    };
    const annotation = { kind: 'ranking', displayOrder: ['r1', 'r2'], ranks: { r1: 1, r2: 2 }, graded: null, ratings: {}, flags: { allBad: false, notRankable: false }, spans: [], justification: 'r1 is clearer.' };
    for (let i = 0; i < count; i++) {
      const taskId = `exp-${String(i).padStart(4, '0')}`;
      await call('saveDraft', { taskId, annotation, activeSeconds: 3 });
      await call('submitTask', { taskId });
    }
  }, COUNT);
};

/**
 * The user's choice of a file, played by the origin-private file system: a real File System Access handle whose
 * writable writes a swap file and moves it into place on close (as the chosen file on disk does). Each write waits
 * a little, like a slow disk, so the progress can be seen and Cancel pressed.
 */
const chooseFilesInOpfs = (page: Page) =>
  page.evaluate(() => {
    (window as unknown as { showSaveFilePicker: unknown }).showSaveFilePicker = async ({ suggestedName }: { suggestedName: string }) => {
      const dir = await navigator.storage.getDirectory();
      const handle = await dir.getFileHandle(suggestedName, { create: true });
      const createWritable = handle.createWritable.bind(handle);
      handle.createWritable = async (...args: Parameters<typeof createWritable>) => {
        const writable = await createWritable(...args);
        const write = writable.write.bind(writable);
        writable.write = async (data: Parameters<typeof write>[0]) => {
          await new Promise((r) => setTimeout(r, 250));
          return write(data);
        };
        return writable;
      };
      (window as unknown as { chosenFile: string }).chosenFile = suggestedName;
      return handle;
    };
  });

/** The chosen file's text, or null when there is no such file. */
const chosenFileText = (page: Page): Promise<string | null> =>
  page.evaluate(async () => {
    const name = (window as unknown as { chosenFile: string }).chosenFile;
    const dir = await navigator.storage.getDirectory();
    try {
      return await (await (await dir.getFileHandle(name)).getFile()).text();
    } catch {
      return null;
    }
  });

test('an export writes the chosen file a chunk at a time, with the counts shown, and equals the whole file', async ({ page, harness }) => {
  test.setTimeout(120_000);
  await page.goto(harness.url);
  await submitMany(page);
  await chooseFilesInOpfs(page);

  await page.getByRole('button', { name: 'Export…' }).click();
  await page.getByRole('menuitem', { name: 'DPO preference pairs (TRL JSONL)' }).click();
  const progress = page.getByRole('region', { name: 'Export' });
  await expect(progress).toBeVisible();
  await expect(progress).toContainText(/Exporting to preferences\.dpo\.\d{4}-\d\d-\d\d\.jsonl/);
  await expect(progress).toContainText(new RegExp(`[1-9][0-9,]* of ${COUNT} submitted tasks · [1-9][0-9,]* written`));
  await page.screenshot({ path: resolve(screenshotDir, 'export-progress.png') });
  await expect(page.getByRole('status').filter({ hasText: `Exported ${COUNT} submitted tasks to preferences.dpo.` })).toBeVisible({ timeout: 60_000 });
  await expect(progress).toBeHidden();

  const written = await chosenFileText(page);
  const whole = await callCore<{ text: string }>(page, 'exportAnnotations', { format: 'dpo-jsonl' });
  expect(written).toBe(whole.text);
  expect(written?.trim().split('\n')).toHaveLength(COUNT);
});

test('cancelling an export leaves no file behind', async ({ page, harness }) => {
  test.setTimeout(120_000);
  await page.goto(harness.url);
  await submitMany(page);
  await chooseFilesInOpfs(page);

  await page.getByRole('button', { name: 'Export…' }).click();
  await page.getByRole('menuitem', { name: 'All annotations, lossless (Assay JSONL)' }).click();
  const progress = page.getByRole('region', { name: 'Export' });
  await expect(progress).toContainText(/[1-9][0-9,]* of 400 submitted tasks/);
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Export to annotations\.assay\..* cancelled: no file was written\./ })).toBeVisible({ timeout: 30_000 });
  await expect(progress).toBeHidden();
  expect(await chosenFileText(page)).toBeNull();
});
