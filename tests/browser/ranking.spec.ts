import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { docsScreenshotDir, expect, screenshotDir, shotPath, test } from './harness';
import { callCore, rankBadges, ratingCells } from './coreBridge';

const openDemoRanking = async (page: Page, url: string) => {
  await page.goto(url);
  await page.getByRole('button', { name: 'Try the demo workspace' }).click();
  await page.getByRole('searchbox').fill('bromoethane');
  await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Response A' })).toBeVisible();
};

test('an expert ranks three responses, rates, justifies and submits without touching the mouse', { tag: '@journey' }, async ({ page, harness, relaunch }) => {
  const scriptErrors: string[] = [];
  page.on('pageerror', (e) => scriptErrors.push(e.message));
  await openDemoRanking(page, harness.url);
  await expect(page.locator('.katex').first()).toBeVisible();
  await page.screenshot({ path: shotPath(docsScreenshotDir, 'ranking.png') });

  // a/b/c focus a response; a digit ranks it; equal digits tie.
  for (const [key, rank] of [['c', '1'], ['a', '2'], ['b', '2']] as const) {
    await page.keyboard.press(key);
    await page.keyboard.press(rank);
  }
  await expect(page.getByRole('region', { name: 'Response C' }).locator('.rank-badge')).toHaveText('#1');
  await expect(page.getByRole('region', { name: 'Response B' }).locator('.rank-badge')).toHaveText('#2');

  // Ratings: type into the first cell, each digit moves on to the next.
  await page.getByRole('textbox', { name: /of response A, 1 to 7/ }).first().focus();
  await page.keyboard.type('367' + '457' + '777');
  await page.getByRole('textbox', { name: 'Justification' }).focus();
  await page.keyboard.type('C is the only response that gets the E2 geometry right (anti-periplanar); A claims syn-periplanar, which is wrong.');
  const justification = 'C is the only response that gets the E2 geometry right (anti-periplanar); A claims syn-periplanar, which is wrong.';
  await expect(page.getByRole('textbox', { name: 'Justification' })).toHaveValue(justification);
  // What was entered, field by field, before submitting.
  const ranks = await rankBadges(page);
  expect(ranks).toEqual({ 'Response A': '#2', 'Response B': '#2', 'Response C': '#1' });
  const ratings = await ratingCells(page);
  expect(Object.values(ratings)).toEqual(['3', '6', '7', '4', '5', '7', '7', '7', '7']);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('save-state')).toContainText('read-only');
  await page.screenshot({ path: shotPath(screenshotDir, 'ranking-submitted.png') });

  // Reopened after a relaunch (nothing left in the page's memory; the task was open, so the app opens it at once),
  // the task is read-only and holds every field as submitted.
  const reopened = await relaunch();
  await expect(reopened.getByTestId('save-state')).toContainText('read-only');
  await expect(reopened.getByRole('textbox', { name: 'Justification' })).toHaveAttribute('readonly', '');
  await expect(reopened.getByRole('textbox', { name: 'Justification' })).toHaveValue(justification);
  await expect(reopened.getByRole('region', { name: 'Response C' }).locator('.rank-badge')).toHaveText('#1');
  expect(await rankBadges(reopened)).toEqual(ranks);
  expect(await ratingCells(reopened)).toEqual(ratings);
  await expect(reopened.getByRole('group', { name: 'Ranking' }).locator('.rank-row[data-rank="2"]').getByRole('button')).toHaveText(['A', 'B']);
  expect(scriptErrors).toEqual([]);
});

test('ranking by mouse: drag responses onto ranks, ties on one row', async ({ page, harness }) => {
  await openDemoRanking(page, harness.url);
  const board = page.getByRole('group', { name: 'Ranking' });
  const row = (rank: string) => board.locator(`.rank-row[data-rank="${rank}"]`);
  await board.getByRole('button', { name: /^Response B/ }).dragTo(row('1'));
  await board.getByRole('button', { name: /^Response A/ }).dragTo(row('2'));
  await board.getByRole('button', { name: /^Response C/ }).dragTo(row('2'));
  await expect(row('1').getByRole('button')).toHaveText(['B']);
  await expect(row('2').getByRole('button')).toHaveText(['A', 'C']);
  await expect(page.getByRole('region', { name: 'Response C' }).locator('.rank-badge')).toHaveText('#2');
  // Undo takes back the last drop.
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Control+z');
  await expect(row('2').getByRole('button')).toHaveText(['A']);
});

test('highlight a span with a label and cite it in the justification', async ({ page, harness }) => {
  await openDemoRanking(page, harness.url);
  const responseA = page.getByRole('region', { name: 'Response A' });
  const paragraph = responseA.locator('.model-markdown p').first();
  await paragraph.evaluate((p) => {
    const text = p.firstChild!;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, Math.min(20, text.textContent!.length));
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  });
  await paragraph.dispatchEvent('mouseup');
  const composer = page.getByRole('form', { name: 'New highlight' });
  await composer.getByLabel('Label').selectOption('hallucination');
  await composer.getByLabel('Comment').fill('Not in the source');
  await composer.getByRole('button', { name: 'Add highlight' }).click();
  const highlights = page.getByRole('list', { name: 'Highlights' });
  await expect(highlights).toContainText('A1');
  await expect(highlights).toContainText('hallucination');
  await highlights.getByRole('button', { name: 'Cite' }).click();
  await expect(page.getByRole('textbox', { name: 'Justification' })).toHaveValue('[A1]');
  await page.screenshot({ path: resolve(screenshotDir, 'ranking-highlight.png') });
});

test('with exactly two responses the expert gives a graded 7-point preference', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.getByTestId('import-file-input').setInputFiles(resolve(__dirname, '../fixtures/preference/hh-rlhf-harmless-base-test.first40.jsonl'));
  await expect(page.getByRole('status').filter({ hasText: 'Imported 40 tasks' })).toBeVisible();
  await page.getByRole('listbox', { name: 'Tasks' }).focus();
  await page.keyboard.press('Enter');
  const scale = page.getByRole('radiogroup', { name: 'Graded preference between A and B' });
  await expect(scale.getByRole('radio')).toHaveCount(7);
  await scale.getByRole('radio', { name: 'B better', exact: true }).check();
  await expect(page.getByRole('region', { name: 'Response B' }).locator('.rank-badge')).toHaveText('#1');
  await expect(page.getByRole('region', { name: 'Response A' }).locator('.rank-badge')).toHaveText('#2');
  // Keyboard: arrows move along the scale.
  await page.keyboard.press('ArrowLeft');
  await expect(scale.getByRole('radio', { name: 'B slightly better' })).toBeChecked();
  await page.screenshot({ path: resolve(screenshotDir, 'ranking-graded.png') });
});

test('submitting an incomplete judgement shows what is missing at each field', async ({ page, harness }) => {
  await openDemoRanking(page, harness.url);
  await page.keyboard.press('a');
  await page.keyboard.press('1');
  await expect(page.getByRole('region', { name: 'Response A' }).locator('.rank-badge')).toHaveText('#1');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'before you can submit' })).toBeVisible();
  await expect(page.locator('.rank-board .field-error')).toBeVisible();
  await expect(page.locator('.justification .field-error')).toBeVisible();
  await expect(page.locator('.ratings .field-error')).toBeVisible();
  await expect(page.getByTestId('save-state')).not.toContainText('read-only');
  await page.screenshot({ path: resolve(screenshotDir, 'ranking-validation.png') });
});

test('the task open when the window closed reopens at start with the change made just before; closed on the inbox, the inbox opens', { tag: '@journey' }, async ({ page, harness, relaunch }) => {
  await openDemoRanking(page, harness.url);
  const title = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
  await page.getByRole('textbox', { name: 'Justification' }).fill('Written a moment before the reload.');
  const second = await relaunch();
  // Straight to the task, never through the inbox.
  await expect(second.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(second.getByRole('textbox', { name: 'Justification' })).toHaveValue('Written a moment before the reload.');
  await expect(second.getByRole('searchbox')).toHaveCount(0);

  // Left for the inbox, the next start shows the inbox.
  await second.keyboard.press('Escape');
  await expect(second.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  await expect.poll(async () => (await callCore<{ reopenTaskId: string | null }>(second, 'getSettings')).reopenTaskId).toBe(null);
  const third = await relaunch();
  await expect(third.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  await expect(third.getByRole('region', { name: 'Response A' })).toHaveCount(0);
});
