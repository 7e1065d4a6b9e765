import { resolve } from 'node:path';
import { expect, screenshotDir, test } from './harness';
import { queueEditRefusedAsOutdated, signInFromPanel } from './platformSignIn';
import { addPlatformUser, importAndAssign, newPlatformData, platformCli, servePlatform } from './platformProcess';

const root = resolve(__dirname, '../..');

test('the platform raises its minimum version: the app says to update, keeps the change queued, and sends it once allowed', async ({ page, harness }) => {
  test.setTimeout(120_000);
  const data = newPlatformData();
  const token = addPlatformUser(data, 'expert', 'alice');
  importAndAssign(data, 'Chemistry', resolve(root, 'tests/fixtures/tasks.valid.jsonl'), 'alice', 3);
  const server = await servePlatform(data);
  try {
    const { url } = server;
    await page.goto(harness.url);
    await signInFromPanel(page, url, token, 'alice');
    await page.keyboard.press('Escape');

    // The harness app is 0.1.0; the platform now wants 9.0.0.
    platformCli(['min-version', 'set', '--data', data, '9.0.0']);
    await queueEditRefusedAsOutdated(page);
    await expect(page.getByTestId('sync-state')).toHaveText('Offline');
    await expect(page.getByTestId('pending-count')).not.toHaveText('0 pending');
    await page.screenshot({ path: resolve(screenshotDir, 'sync-update-required.png') });

    // The admin lowers it again: the same queued change goes out.
    platformCli(['min-version', 'clear', '--data', data]);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('pending-count')).toHaveText('0 pending', { timeout: 20_000 });
    await expect(page.getByText('Update Assay to sync')).toHaveCount(0);
  } finally {
    server.stop();
  }
});
