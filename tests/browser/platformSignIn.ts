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
