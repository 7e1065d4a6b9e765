import AxeBuilder from '@axe-core/playwright';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, screenshotDir, test } from './harness';
import { signInFromPanel } from './platformSignIn';
import { addPlatformUser, importAndAssign, newPlatformData, platformCli, servePlatform } from './platformProcess';


const V1 = 'The base case stops the recursion: factorial(0) returns 1, so factorial(3) ends after three calls.';
const V2 = 'Recursion is a loop that never stops, which is why every program needs a timeout.';

const taskLine = (second: string) =>
  JSON.stringify({
    schemaVersion: 1,
    id: 'recursion-1',
    project: 'Versions',
    version: 1,
    title: 'Explain recursion with a base case',
    payload: {
      kind: 'ranking',
      conversation: [{ role: 'user', content: 'Explain recursion to a beginner, with an example.' }],
      responses: [
        { id: 'r1', content: 'A function that calls itself on a smaller input until it reaches a case it can answer directly.' },
        { id: 'r2', content: second },
      ],
    },
  }) + '\n';

/** A real reference platform on loopback with one expert holding one ranking task; `update` changes one response. */
async function startPlatform() {
  const data = newPlatformData();
  const token = addPlatformUser(data, 'expert', 'vera');
  const file = (name: string, second: string) => {
    const path = resolve(data, name);
    writeFileSync(path, taskLine(second));
    return path;
  };
  importAndAssign(data, 'Versions', file('v1.jsonl', V1), 'vera', 1);
  const { url, stop } = await servePlatform(data);
  const update = (retireOlder = false, second = V2) =>
    platformCli(['import', '--data', data, '--project', 'Versions', ...(retireOlder ? ['--retire-older'] : []), file(`${second.length}.jsonl`, second)]);
  return { url, token, update, stop };
}

test('a task updated after the expert started: the banner names the change, keep stays on the old version, start over keeps the old draft', async ({ page, harness }) => {
  test.setTimeout(120_000);
  const platform = await startPlatform();
  try {
    await page.goto(harness.url);
    await signInFromPanel(page, platform.url, platform.token, 'vera');
    await page.keyboard.press('Escape');

    // A draft on version 1.
    const openTask = async () => {
      await page.getByRole('searchbox').fill('recursion');
      await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(1, { timeout: 20_000 });
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { name: 'Explain recursion with a base case' })).toBeVisible();
    };
    await openTask();
    await expect(page.getByText(V1)).toBeVisible();
    const justification = page.getByRole('textbox', { name: 'Justification' });
    await justification.fill('The response with factorial(0) names the base case; the other one is vaguer.');
    await expect(page.getByTestId('save-state')).toContainText('Saved');

    // The lab changes a response; the next sync brings version 2.
    platform.update();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /Sync status/ }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('pending-count')).toHaveText('0 pending', { timeout: 20_000 });
    await page.keyboard.press('Escape');
    await openTask();

    const banner = page.getByRole('region', { name: 'Task version' });
    await expect(banner).toContainText('This task was updated to version 2 after you started');
    // Named by the blind label the expert sees, never by the response's id.
    const label = (await page.getByRole('region', { name: 'Response B' }).getByText(V1).count()) === 1 ? 'B' : 'A';
    await expect(banner).toContainText(`Response ${label}, content changed`);
    // The workspace shows what the draft was made against.
    await expect(page.getByText(V1)).toBeVisible();
    await expect(page.getByText(V2)).toHaveCount(0);
    await expect(justification).toHaveValue(/names the base case/);
    await page.screenshot({ path: resolve(screenshotDir, 'task-version-banner.png') });
    const violations = (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(violations.map((v) => v.id)).toEqual([]);

    // Keep: the notice gets small, the old version stays.
    await banner.getByRole('button', { name: 'Keep working on version 1' }).click();
    await expect(banner).toContainText('You are working on version 1 of this task');
    await expect(page.getByText(V1)).toBeVisible();

    // Start over: version 2 with a fresh draft; the old draft is kept, read-only, in the history.
    await banner.getByRole('button', { name: 'Start over on version 2' }).click();
    await expect(page.getByRole('region', { name: 'Task version' })).toHaveCount(0);
    await expect(page.getByText(V2)).toBeVisible();
    await expect(justification).toHaveValue('');
    await page.getByText('Earlier drafts (1)').click();
    await page.getByRole('button', { name: 'View (read-only)' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'viewing your earlier draft on version 1' })).toBeVisible();
    await expect(page.getByText(V1)).toBeVisible();
    await expect(justification).toHaveValue(/names the base case/);
    await expect(justification).toHaveAttribute('readonly', '');
    await page.screenshot({ path: resolve(screenshotDir, 'task-version-history.png') });
    await page.getByRole('button', { name: 'Back to the current draft' }).first().click();
    await expect(page.getByText(V2)).toBeVisible();
    await expect(justification).toHaveValue('');
  } finally {
    platform.stop();
  }
});

test('a submission against a version the platform retired is refused, and the sync panel says why', async ({ page, harness }) => {
  test.setTimeout(120_000);
  const platform = await startPlatform();
  try {
    await page.goto(harness.url);
    await signInFromPanel(page, platform.url, platform.token, 'vera');
    await page.keyboard.press('Escape');
    const openTask = async () => {
      await page.getByRole('searchbox').fill('recursion');
      await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(1, { timeout: 20_000 });
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { name: 'Explain recursion with a base case' })).toBeVisible();
    };
    await openTask();
    await page.getByRole('textbox', { name: 'Justification' }).fill('One names the base case with factorial(0); the other stays vague.');
    await expect(page.getByTestId('save-state')).toContainText('Saved');

    // Version 2 arrives, and the lab stops taking work on version 1.
    platform.update(true);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /Sync status/ }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('pending-count')).toHaveText('0 pending', { timeout: 20_000 });
    await page.keyboard.press('Escape');
    await openTask();
    await page.getByRole('region', { name: 'Task version' }).getByRole('button', { name: 'Keep working on version 1' }).click();
    await page.getByRole('radiogroup', { name: 'Graded preference between A and B' }).getByRole('radio').first().check();
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('save-state')).toContainText('read-only');

    await page.getByRole('button', { name: /Sync status/ }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    const refusal = page.locator('.sync-item-message', { hasText: 'your work is on version 1' });
    await expect(refusal).toBeVisible({ timeout: 20_000 });
    await expect(refusal).toContainText('the platform now takes only version 2');
    await expect(refusal).toContainText('Your work is kept');
    await page.screenshot({ path: resolve(screenshotDir, 'task-version-refused.png') });

    // Nothing is lost: the draft is editable again, still on version 1.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await openTask();
    await expect(page.getByRole('textbox', { name: 'Justification' })).toHaveValue(/names the base case/);
    await expect(page.getByRole('textbox', { name: 'Justification' })).not.toHaveAttribute('readonly', '');
    await expect(page.getByText(V1)).toBeVisible();
  } finally {
    platform.stop();
  }
});

test('a version that arrives while the task is open: with no work yet the page moves to it, with a draft the notice appears', async ({ page, harness }) => {
  test.setTimeout(120_000);
  const platform = await startPlatform();
  try {
    await page.goto(harness.url);
    await signInFromPanel(page, platform.url, platform.token, 'vera');
    await page.keyboard.press('Escape');
    await page.getByRole('searchbox').fill('recursion');
    await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(1, { timeout: 20_000 });
    await page.keyboard.press('Enter');
    await expect(page.getByText(V1)).toBeVisible();
    const syncFromHere = async () => {
      await page.getByRole('button', { name: /Sync status/ }).click();
      await page.getByRole('button', { name: 'Sync now' }).click();
      await expect(page.getByTestId('pending-count')).toHaveText('0 pending', { timeout: 20_000 });
      await page.keyboard.press('Escape');
    };

    // Nothing done yet: the open page simply shows version 2.
    platform.update();
    await syncFromHere();
    await expect(page.getByText(V2)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Task version' })).toHaveCount(0);

    // With a draft on version 2, version 3 brings the notice without leaving the page; the draft stays on 2.
    const justification = page.getByRole('textbox', { name: 'Justification' });
    await justification.fill('Version 2: the loop claim is wrong.');
    await expect(page.getByTestId('save-state')).toContainText('Saved');
    const V3 = 'Recursion: a function calls itself on a smaller input; factorial(0) = 1 ends it.';
    platform.update(false, V3);
    await syncFromHere();
    const banner = page.getByRole('region', { name: 'Task version' });
    await expect(banner).toContainText('This task was updated to version 3 after you started');
    await expect(page.getByText(V2)).toBeVisible();
    await expect(justification).toHaveValue('Version 2: the loop claim is wrong.');
    await justification.fill('Version 2: the loop claim is wrong, still.');
    await expect(page.getByTestId('save-state')).toContainText('Saved');
  } finally {
    platform.stop();
  }
});
