import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { expect, screenshotDir, test } from './harness';

const root = resolve(__dirname, '../..');
const platformCli = (args: string[]) =>
  execFileSync(resolve(root, 'node_modules/.bin/tsx'), ['--tsconfig', 'tsconfig.node.json', 'platform/cli.ts', ...args], { cwd: root, encoding: 'utf8' });

test('the platform raises its minimum version: the app says to update, keeps the change queued, and sends it once allowed', async ({ page, harness }) => {
  test.setTimeout(120_000);
  const data = mkdtempSync(resolve(tmpdir(), 'assay-platform-minver-'));
  const token = /^(assay_\S+)$/m.exec(platformCli(['user', 'add', '--data', data, '--role', 'expert', 'alice']))?.[1] ?? '';
  platformCli(['import', '--data', data, '--project', 'Chemistry', resolve(root, 'tests/fixtures/tasks.valid.jsonl')]);
  platformCli(['assign', '--data', data, '--user', 'alice', '--project', 'Chemistry', '--count', '3']);
  const server = spawn(resolve(root, 'node_modules/.bin/tsx'), ['--tsconfig', 'tsconfig.node.json', 'platform/cli.ts', 'serve', '--data', data, '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((done, fail) => {
      let out = '';
      server.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match?.[1]) done(match[1]);
      });
      server.once('exit', (code) => fail(new Error(`platform exited with ${code}: ${out}`)));
    });
    await page.goto(harness.url);
    await page.getByRole('button', { name: /Sync status/ }).click();
    const signIn = page.getByRole('form', { name: 'Sign in to a platform' });
    await signIn.getByLabel('Platform URL').fill(url);
    await signIn.getByLabel('API token').fill(token);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('region', { name: 'Account' })).toContainText('Signed in as alice');
    await page.keyboard.press('Escape');

    // The harness app is 0.1.0; the platform now wants 9.0.0.
    platformCli(['min-version', 'set', '--data', data, '9.0.0']);
    await page.getByRole('searchbox').fill('bromoethane');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Response A' })).toBeVisible();
    await page.keyboard.press('a');
    await page.keyboard.press('1');
    await expect(page.getByTestId('pending-count')).not.toHaveText('0 pending');
    await page.getByRole('button', { name: /Sync status/ }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByText('Update Assay to sync; your work is safe on this computer.').first()).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('sync-state')).toHaveText('Offline');
    await expect(page.getByTestId('pending-count')).not.toHaveText('0 pending');
    await page.screenshot({ path: resolve(screenshotDir, 'sync-update-required.png') });

    // The admin lowers it again: the same queued change goes out.
    platformCli(['min-version', 'clear', '--data', data]);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('pending-count')).toHaveText('0 pending', { timeout: 20_000 });
    await expect(page.getByText('Update Assay to sync')).toHaveCount(0);
  } finally {
    server.kill('SIGTERM');
  }
});
