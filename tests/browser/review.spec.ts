import AxeBuilder from '@axe-core/playwright';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshotDir, test } from './harness';
import { signInAndSync } from './platformSignIn';
import { addPlatformUser, importAndAssign, newPlatformData, platformCli, servePlatform } from './platformProcess';
import { openOnlyMatch, rankAndRateThree } from './rankingSteps';

const root = resolve(__dirname, '../..');

/** A real reference platform on loopback: an expert with the Chemistry project assigned, and a reviewer. */
async function startPlatform() {
  const data = newPlatformData();
  const expertToken = addPlatformUser(data, 'expert', 'alice');
  const reviewerToken = addPlatformUser(data, 'reviewer', 'rita');
  importAndAssign(data, 'Chemistry', resolve(root, 'tests/fixtures/tasks.valid.jsonl'), 'alice', 3);
  const { url, stop } = await servePlatform(data);
  const status = () => JSON.parse(platformCli(['status', '--data', data, '--json'])) as { submissions: number; projects?: unknown };
  const reviews = () =>
    platformCli(['export', '--data', data, '--format', 'submissions-jsonl'])
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { review?: { verdict: string; comments: { body: string }[] } | null });
  return { url, expertToken, reviewerToken, status, reviews, stop };
}

const seriousViolations = async (page: Page) => {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
};

test('an expert submits, a reviewer returns it with a comment from the Review view, and the expert sees it', async ({ browser, harness }) => {
  test.setTimeout(180_000);
  const platform = await startPlatform();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(harness.url);
    // The expert ranks one task and submits it.
    await signInAndSync(page, platform.url, platform.expertToken, 'alice', false);
    await openOnlyMatch(page, 'bromoethane');
    await rankAndRateThree(page);
    await page.getByRole('textbox', { name: 'Justification' }).fill('A is the most accurate and complete; B is padded with background; C has the wrong E2 geometry.');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('save-state')).toContainText('read-only');
    // Its revisions form an intact hash chain.
    await page.getByRole('button', { name: 'Check history' }).click();
    await expect(page.getByTestId('history-check')).toContainText('History intact');
    await page.getByRole('button', { name: /Sync status/ }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('pending-count')).toHaveText('0 pending', { timeout: 20_000 });
    await page.keyboard.press('Escape');
    expect(platform.status().submissions).toBe(1);

    // The reviewer signs in on this computer; the queue is pulled and cached.
    await signInAndSync(page, platform.url, platform.reviewerToken, 'rita', true);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /Review \(1 waiting\)/ }).click();
    await expect(page.getByRole('heading', { name: 'Review', level: 1 })).toBeVisible();
    const queue = page.getByRole('listbox', { name: /Submissions waiting for review/ });
    await expect(queue.getByRole('group', { name: 'Chemistry' }).getByRole('option')).toHaveCount(1);
    await expect(queue.getByRole('option').first()).toContainText('alice');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: resolve(screenshotDir, 'review-queue.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: resolve(screenshotDir, 'review-queue-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    // j/k/Enter open it read-only in the ranking workspace, with the expert's judgement.
    await queue.focus();
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    const panel = page.getByRole('complementary', { name: 'Your review' });
    await expect(panel).toContainText('alice submitted this');
    await expect(page.getByRole('textbox', { name: 'Justification' })).toHaveValue(/wrong E2 geometry/);
    await expect(page.getByRole('textbox', { name: 'Justification' })).toHaveAttribute('readonly', '');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: resolve(screenshotDir, 'review-item.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });

    // Alt+R: return with a comment, Ctrl+Enter sends it; it goes through the outbox once.
    await page.keyboard.press('Alt+r');
    await page.keyboard.type('Say why B is padded: name the repeated paragraph.');
    await panel.getByRole('combobox', { name: 'Where' }).selectOption({ label: 'Justification' });
    await expect(panel).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: resolve(screenshotDir, 'review-return.png') });
    await panel.getByRole('textbox', { name: 'What to change' }).press('Control+Enter');
    await expect(page.getByRole('heading', { name: 'Review', level: 1 })).toBeVisible();
    await expect(page.getByText('Nothing waits for review')).toBeVisible();
    await page.getByRole('button', { name: /Sync status/ }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('pending-count')).toHaveText('0 pending', { timeout: 20_000 });
    await page.keyboard.press('Escape');
    const reviewed = platform.reviews().filter((r) => r.review);
    expect(reviewed).toHaveLength(1);
    expect(reviewed[0]!.review).toMatchObject({ verdict: 'returned', comments: [{ body: 'Say why B is padded: name the repeated paragraph.' }] });

    // The expert signs in again and sees the comment on the returned task.
    await signInAndSync(page, platform.url, platform.expertToken, 'alice', true);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
    await page.getByRole('searchbox').fill('bromoethane');
    await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(1);
    await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toContainText('Returned for changes', { timeout: 20_000 });
    await page.keyboard.press('Enter');
    const review = page.getByRole('region', { name: 'Review' });
    await expect(review).toContainText('Returned for changes');
    await expect(review).toContainText('Say why B is padded');
    await expect(review).toContainText('Justification');
  } finally {
    await context.close();
    platform.stop();
  }
});

/** The expert ranks and rates the bromoethane task and submits it; it reaches the platform. */
const expertSubmits = async (page: Page, platform: Awaited<ReturnType<typeof startPlatform>>) => {
  await signInAndSync(page, platform.url, platform.expertToken, 'alice', false);
  await openOnlyMatch(page, 'bromoethane');
  await rankAndRateThree(page);
  await page.getByRole('textbox', { name: 'Justification' }).fill('A is the most accurate and complete; B is padded with background; C has the wrong E2 geometry.');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('save-state')).toContainText('read-only');
  await page.getByRole('button', { name: /Sync status/ }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('pending-count')).toHaveText('0 pending', { timeout: 20_000 });
  await page.keyboard.press('Escape');
  expect(platform.status().submissions).toBe(1);
};

test('a reviewer fixes a rating with Alt+F and the expert sees the field diff', async ({ browser, harness }) => {
  test.setTimeout(180_000);
  const platform = await startPlatform();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(harness.url);
    await expertSubmits(page, platform);

    await signInAndSync(page, platform.url, platform.reviewerToken, 'rita', true);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /Review \(1 waiting\)/ }).click();
    await page.getByRole('listbox', { name: /Submissions waiting for review/ }).focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('complementary', { name: 'Your review' });
    await expect(panel).toContainText('alice submitted this');
    const rating = page.getByRole('textbox', { name: /of response A, 1 to 7/ }).first();
    await expect(rating).toHaveValue('7');
    await page.keyboard.press('Alt+f');
    await expect(panel.getByRole('button', { name: /Send the fix/ })).toBeVisible();
    await rating.fill('4');
    await expect(rating).toHaveValue('4');
    await page.screenshot({ path: resolve(screenshotDir, 'review-fix.png') });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Alt+f');
    await expect(page.getByRole('heading', { name: 'Review', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: /Sync status/ }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('pending-count')).toHaveText('0 pending', { timeout: 20_000 });
    await page.keyboard.press('Escape');
    expect(platform.reviews().filter((r) => r.review).map((r) => r.review!.verdict)).toEqual(['fixed']);

    await signInAndSync(page, platform.url, platform.expertToken, 'alice', true);
    await page.keyboard.press('Escape');
    await page.getByRole('searchbox').fill('bromoethane');
    await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toContainText('Accepted', { timeout: 20_000 });
    await page.keyboard.press('Enter');
    const diff = page.getByRole('table', { name: 'Fields the reviewer changed' });
    await expect(diff).toBeVisible();
    await expect(diff.getByRole('row')).toHaveCount(2);
    await expect(diff.getByRole('row').nth(1)).toContainText(/ratings\.Response [A-C]\.correctness74/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: resolve(screenshotDir, 'review-fix-diff.png') });
  } finally {
    await context.close();
    platform.stop();
  }
});
