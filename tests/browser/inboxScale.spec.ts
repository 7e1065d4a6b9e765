import { resolve } from 'node:path';
import { expect, screenshotDir, test } from './harness';

const COUNT = 20_000;
const pad = (n: number) => String(n).padStart(5, '0');
/** About 1.5 KB a task, so the file (about 32 MB) is read in several chunks. */
const FILLER = 'Show every step of the working, state the units, and check the answer against a limiting case. '.repeat(16);

/** 20,000 small reasoning tasks; every 500th mentions "enthalpy" so a search has a known answer. */
const bigFile = (): Buffer => {
  const lines: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const topic = i % 500 === 0 ? 'the enthalpy of formation' : `sequence number ${i}`;
    lines.push(
      JSON.stringify({
        id: `scale-${pad(i)}`,
        project: i % 2 === 0 ? 'Even' : 'Odd',
        version: 1,
        title: `Problem ${pad(i)}`,
        guidelines: '',
        payload: { kind: 'reasoning', problem: `Compute ${topic} for case ${i}. <img src=x onerror="window.__pwned=1">\n\n${FILLER}` },
      }),
    );
  }
  return Buffer.from(lines.join('\n') + '\n');
};

test('20,000 tasks: the inbox shows a window, End reaches the last task, Enter opens it, search ranks and marks', async ({ page, harness }) => {
  test.setTimeout(180_000);
  await page.goto(harness.url);
  await page.getByTestId('import-file-input').setInputFiles({ name: 'scale.jsonl', mimeType: 'application/json', buffer: bigFile() });
  const progress = page.getByRole('region', { name: 'Import' });
  await expect(progress).toBeVisible();
  await expect(progress.locator('progress')).toBeVisible();
  await expect(progress).toContainText('Reading scale.jsonl');
  await page.screenshot({ path: resolve(screenshotDir, 'import-progress.png') });
  await expect(page.getByRole('status').filter({ hasText: `Imported ${COUNT} tasks` })).toBeVisible({ timeout: 120_000 });
  await expect(progress).toBeHidden();
  await expect(page.locator('.inbox-count')).toHaveText('20,000 tasks');

  const list = page.getByRole('listbox', { name: 'Tasks' });
  // Virtualized and windowed: a screenful of rows in the page, not 20,000.
  expect(await list.getByRole('option').count()).toBeLessThan(60);
  await expect(list.getByRole('option').first()).toHaveAttribute('aria-setsize', String(COUNT));

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('End');
  const last = list.locator(`[data-task-id="scale-${pad(COUNT - 1)}"]`);
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(last).toHaveAttribute('aria-posinset', String(COUNT));
  await page.keyboard.press('k');
  await expect(list.locator(`[data-task-id="scale-${pad(COUNT - 2)}"]`)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('j');
  await page.screenshot({ path: resolve(screenshotDir, 'inbox-20000-end.png') });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: `Problem ${pad(COUNT - 1)}` })).toBeVisible();
  // An author-mode reasoning task opens in its first step editor, where Escape leaves the editor: use the button.
  await page.getByRole('button', { name: 'Back to inbox (Escape)' }).click();

  await page.keyboard.press('/');
  await page.keyboard.type('enthalpy');
  await expect(page.locator('.inbox-count')).toHaveText('40 of 20,000 tasks');
  const first = page.getByRole('listbox', { name: 'Tasks, best match first' }).getByRole('option').first();
  await expect(first.locator('.task-excerpt mark')).toHaveText('enthalpy');
  // The hostile markup in the prompt is shown as text, never run.
  await expect(first.locator('.task-excerpt')).toContainText('<img src=x onerror="window.__pwned=1">');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await page.screenshot({ path: resolve(screenshotDir, 'inbox-20000-search.png') });
});

test('cancelling a large import while it reads leaves nothing imported', async ({ page, harness }) => {
  test.setTimeout(120_000);
  await page.goto(harness.url);
  await page.getByTestId('import-file-input').setInputFiles({ name: 'scale.jsonl', mimeType: 'application/json', buffer: bigFile() });
  const progress = page.getByRole('region', { name: 'Import' });
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Import of scale.jsonl cancelled: nothing was imported.' })).toBeVisible({ timeout: 60_000 });
  await expect(progress).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Welcome to Assay' })).toBeVisible();
});
