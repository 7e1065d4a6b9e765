import type { Page } from '@playwright/test';
import { expect } from './harness';

/**
 * Opens the sync panel and signs in with a platform URL and token, as a person does; leaves the panel open.
 * `switching`: someone is signed in already (the panel loads the account after it opens, so wait for it).
 */
export async function signInFromPanel(page: Page, url: string, token: string, name: string, switching = false): Promise<void> {
  await page.getByRole('button', { name: /Sync status/ }).click();
  const account = page.getByRole('region', { name: 'Account' });
  if (switching) await account.getByRole('button', { name: 'Sign out' }).click();
  const form = page.getByRole('form', { name: 'Sign in to a platform' });
  await form.getByLabel('Platform URL').fill(url);
  await form.getByLabel('API token').fill(token);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(account).toContainText(`Signed in as ${name}`);
}

/** Syncs from the sync panel and waits until nothing is pending; closes the panel. */
export async function syncNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Sync status/ }).click();
  await syncFromOpenPanel(page);
}

const syncFromOpenPanel = async (page: Page): Promise<void> => {
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('pending-count')).toHaveText('0 pending', { timeout: 20_000 });
  await page.keyboard.press('Escape');
};

/** Signs in (see signInFromPanel), syncs what the account has, and closes the panel. */
export async function signInAndSync(page: Page, url: string, token: string, name: string, switching: boolean): Promise<void> {
  await signInFromPanel(page, url, token, name, switching);
  await syncFromOpenPanel(page);
}

/** Queues an edit of the bromoethane task and syncs: the platform refuses this app's version; the edit stays queued. */
export async function queueEditRefusedAsOutdated(page: Page): Promise<void> {
  await page.getByRole('searchbox').fill('bromoethane');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Response A' })).toBeVisible();
  await page.keyboard.press('a');
  await page.keyboard.press('1');
  await expect(page.getByTestId('pending-count')).not.toHaveText('0 pending');
  await page.getByRole('button', { name: /Sync status/ }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByText('Update Assay to sync; your work is safe on this computer.').first()).toBeVisible({ timeout: 20_000 });
}
