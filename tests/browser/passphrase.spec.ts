import { MIN_PASSPHRASE_LENGTH } from '@shared/ipc';
import { expect, test } from './harness';

// The core starts as on Linux without a keyring: locked, the key derived from a passphrase the window asks for.
test.use({ keyring: 'missing' });

test('without a keyring the app asks for a passphrase, opens the workspace with it, and asks again after a relaunch', { tag: '@journey' }, async ({ page, harness, relaunch }) => {
  await page.goto(harness.url);
  await expect(page.getByRole('heading', { name: 'Choose a passphrase' })).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill('short');
  await page.getByLabel('Passphrase again').fill('short');
  await page.getByRole('button', { name: 'Create encrypted workspace' }).click();
  await expect(page.getByRole('alert')).toHaveText(`Choose at least ${MIN_PASSPHRASE_LENGTH} characters.`);

  const passphrase = 'correct horse battery staple';
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Passphrase again').fill(passphrase);
  await page.getByRole('button', { name: 'Create encrypted workspace' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome to Assay' })).toBeVisible();
  await page.getByRole('button', { name: 'Try the demo workspace' }).click();
  await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(3);

  // Started again, the workspace is locked until the same passphrase is given; a wrong one is refused.
  const again = await relaunch();
  await expect(again.getByRole('heading', { name: 'Unlock your workspace' })).toBeVisible();
  await again.getByLabel('Passphrase', { exact: true }).fill('not the passphrase');
  await again.getByRole('button', { name: 'Unlock' }).click();
  await expect(again.getByRole('alert')).toBeVisible();
  await again.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await again.getByRole('button', { name: 'Unlock' }).click();
  await expect(again.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(3);
});
