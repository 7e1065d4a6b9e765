import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { docsScreenshotDir, expect, screenshotDir, test } from './harness';

const openDemoRanking = async (page: Page, url: string) => {
  await page.goto(url);
  await page.getByRole('button', { name: 'Try the demo workspace' }).click();
  await page.getByRole('searchbox').fill('bromoethane');
  await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Response A' })).toBeVisible();
};

test('an expert ranks three responses, rates, justifies and submits without touching the mouse', async ({ page, harness }) => {
  const scriptErrors: string[] = [];
  page.on('pageerror', (e) => scriptErrors.push(e.message));
  await openDemoRanking(page, harness.url);
  await expect(page.locator('.katex').first()).toBeVisible();
  await page.screenshot({ path: resolve(docsScreenshotDir, 'ranking.png') });

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
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('save-state')).toContainText('read-only');
  await page.screenshot({ path: resolve(screenshotDir, 'ranking-submitted.png') });

  // Reopened, the task is read-only.
  await page.keyboard.press('Escape');
  await page.getByRole('searchbox').fill('bromoethane');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('save-state')).toContainText('read-only');
  await expect(page.getByRole('textbox', { name: 'Justification' })).toHaveAttribute('readonly', '');
  expect(scriptErrors).toEqual([]);
});
