import AxeBuilder from '@axe-core/playwright';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { docsScreenshotDir, expect, screenshotDir, test } from './harness';
import { queueEditRefusedAsOutdated, signInFromPanel } from './platformSignIn';
import { addPlatformUser, importAndAssign, newPlatformData, platformCli, servePlatform } from './platformProcess';

const root = resolve(__dirname, '../..');
const MANIFESTS = ['latest-linux.yml', 'latest-linux-arm64.yml', 'latest-mac.yml', 'latest.yml'];

/** `platform release add` of one installer and every OS's manifest naming it; `forgedSha512` makes the manifest lie. */
const release = (data: string, channel: string, version: string, forgedSha512?: string): void => {
  const dir = mkdtempSync(join(tmpdir(), 'assay-release-'));
  const installer = `Assay-${version}.AppImage`;
  const bytes = Buffer.from(Array.from({ length: 400_000 }, (_, i) => (i * 7 + version.length) % 256));
  writeFileSync(join(dir, installer), bytes);
  const sha512 = forgedSha512 ?? createHash('sha512').update(bytes).digest('base64');
  const yml = `version: ${version}\nfiles:\n  - url: ${installer}\n    sha512: ${sha512}\n    size: ${bytes.length}\npath: ${installer}\nsha512: ${sha512}\n`;
  for (const name of MANIFESTS) writeFileSync(join(dir, name), yml);
  platformCli(['release', 'add', '--data', data, '--channel', channel, join(dir, installer), ...MANIFESTS.map((m) => join(dir, m))]);
};

const openSettings = async (page: Page) => {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  return dialog;
};

test('updates from the platform: a corrupted release is refused, a good one is downloaded, verified and a restart offered', async ({ page, harness }) => {
  test.setTimeout(120_000);
  const data = newPlatformData();
  const token = addPlatformUser(data, 'expert', 'uma');
  importAndAssign(data, 'Chemistry', resolve(root, 'tests/fixtures/tasks.valid.jsonl'), 'uma', 2);
  const server = await servePlatform(data);
  try {
    await page.goto(harness.url);
    // Signed out, the feed (the platform's) is out of reach, and Settings says so.
    let settings = await openSettings(page);
    const state = settings.getByTestId('update-state');
    await expect(state).toHaveText('Updates are off');
    await expect(settings).toContainText('Updates come from your platform: sign in to receive them.');
    await expect(settings.getByRole('button', { name: 'Check now' })).toBeDisabled();
    await page.keyboard.press('Escape');

    await signInFromPanel(page, server.url, token, 'uma');
    await page.keyboard.press('Escape');
    settings = await openSettings(page);
    await settings.getByRole('button', { name: 'Check now' }).click();
    await expect(state).toHaveText('Up to date (Assay 0.1.0)');
    await expect(settings).toContainText('No release on the stable channel yet.');

    // A beta whose installer does not match its manifest: downloaded, refused, never offered.
    release(data, 'beta', '0.3.0-beta.1', createHash('sha512').update('other bytes').digest('base64'));
    await settings.getByRole('radio', { name: /Beta/ }).check();
    await expect(state).toHaveText('The update did not complete', { timeout: 20_000 });
    await expect(settings).toContainText('The downloaded update Assay-0.3.0-beta.1.AppImage does not match its published checksum (SHA-512); it was deleted and nothing was installed.');
    await expect(settings.getByRole('button', { name: 'Restart to update' })).toHaveCount(0);
    await page.screenshot({ path: resolve(screenshotDir, 'updates-checksum-refused.png') });

    // A good stable release: downloaded in the background, verified, and the restart offered.
    release(data, 'stable', '0.2.0');
    await settings.getByRole('radio', { name: 'Stable' }).check();
    await expect(state).toHaveText('Assay 0.2.0 is ready: restart to update', { timeout: 20_000 });
    const restart = settings.getByRole('button', { name: 'Restart to update' });
    await expect(restart).toBeEnabled();
    await settings.screenshot({ path: resolve(docsScreenshotDir, 'settings-update-ready.png') });
    const axe = await new AxeBuilder({ page }).include('dialog').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.screenshot({ path: resolve(screenshotDir, 'updates-ready.png') });

    // Closed, the status bar says an update is ready; it opens Settings, where the channel is kept.
    await page.keyboard.press('Escape');
    const ready = page.getByRole('button', { name: 'Update ready: Assay 0.2.0' });
    await expect(ready).toBeVisible();
    const bar = await new AxeBuilder({ page }).include('footer').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(bar.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.getByRole('contentinfo', { name: 'Status' }).screenshot({ path: resolve(screenshotDir, 'updates-status-bar.png') });
    await ready.click();
    settings = page.getByRole('dialog', { name: 'Settings' });
    await expect(settings.getByRole('radio', { name: 'Stable' })).toBeChecked();
    await expect(settings.getByTestId('update-state')).toHaveText('Assay 0.2.0 is ready: restart to update');
    await settings.getByRole('button', { name: 'Restart to update' }).click();
    await expect(settings.getByTestId('update-state')).toHaveText('Assay 0.2.0 is ready: restart to update');
  } finally {
    server.stop();
  }
});

test('an app below the platform\'s minimum: sync says to update and keeps the change; the update itself still arrives', async ({ page, harness }) => {
  test.setTimeout(120_000);
  const data = newPlatformData();
  const token = addPlatformUser(data, 'expert', 'vic');
  importAndAssign(data, 'Chemistry', resolve(root, 'tests/fixtures/tasks.valid.jsonl'), 'vic', 3);
  const server = await servePlatform(data);
  try {
    await page.goto(harness.url);
    await signInFromPanel(page, server.url, token, 'vic');
    await page.keyboard.press('Escape');
    platformCli(['min-version', 'set', '--data', data, '0.2.0']);
    release(data, 'stable', '0.2.0');

    await queueEditRefusedAsOutdated(page);
    const pending = await page.getByTestId('pending-count').textContent();
    expect(pending).not.toBe('0 pending');
    await page.keyboard.press('Escape');

    const settings = await openSettings(page);
    await settings.getByRole('button', { name: 'Check now' }).click();
    await expect(settings.getByTestId('update-state')).toHaveText('Assay 0.2.0 is ready: restart to update', { timeout: 20_000 });
    // Nothing queued was lost while refused.
    await expect(page.getByTestId('pending-count')).toHaveText(pending ?? '');
  } finally {
    server.stop();
  }
});
