import { expect, type Page } from '@playwright/test';

/** Searches the inbox for words that match exactly one task and opens it; waits for its first response. */
export async function openOnlyMatch(page: Page, words: string): Promise<void> {
  await page.getByRole('searchbox').fill(words);
  await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Response A' })).toBeVisible();
}

/** Ranks A, B, C first to third with the keyboard and rates them 7-6-5, 6-5-4, 7-7-7 down the ratings grid. */
export async function rankAndRateThree(page: Page): Promise<void> {
  for (const [key, rank] of [['a', '1'], ['b', '2'], ['c', '3']] as const) {
    await page.keyboard.press(key);
    await page.keyboard.press(rank);
  }
  await page.getByRole('textbox', { name: /of response A, 1 to 7/ }).first().focus();
  await page.keyboard.type('765' + '654' + '777');
}
