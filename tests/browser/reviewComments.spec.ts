import AxeBuilder from '@axe-core/playwright';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshotDir, test } from './harness';
import { signInAndSync, syncNow } from './platformSignIn';
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
  const reviews = () =>
    platformCli(['export', '--data', data, '--format', 'submissions-jsonl'])
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { review?: { verdict: string; comments: { anchor: { kind: string }; body: string }[] } | null });
  /** The platform's own review queue, as a reviewer's client reads it. */
  const queue = async () => {
    const res = await fetch(`${url}/v1/review/queue`, { headers: { authorization: `Bearer ${reviewerToken}` } });
    return ((await res.json()) as { items: { earlierReviews?: { replies: { body: string }[] }[]; activity?: { pastes: { chars: number }[] } }[] }).items;
  };
  return { url, expertToken, reviewerToken, reviews, queue, stop };
}

/** Every axe violation of WCAG 2.1 A and AA and the best practices, at every impact level (as accessibility.spec.ts). */
const seriousViolations = async (page: Page) => {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
};

/** axe finds nothing serious in light and in dark. */
const accessibleInBothThemes = async (page: Page) => {
  expect(await seriousViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await seriousViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });
};

/** Pastes `chars` characters into a field as a person does: the paste event, then the text lands. */
const pasteInto = async (page: Page, selector: string, text: string) => {
  await page.locator(selector).evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await page.locator(selector).fill(text);
};

/** Selects `text` inside the element that anchors comments at `target`, as a drag with the mouse would. */
const selectText = async (page: Page, target: string, text: string) => {
  await page.locator(`[data-comment-target="${target}"]`).evaluate((el, wanted) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      const at = n.data.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + wanted.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`"${wanted}" is not in ${el.getAttribute('data-comment-target')}`);
  }, text);
};

test('an expert submits; a reviewer returns it with two anchored comments; the expert sees them in place, replies, fixes and resubmits; the reviewer accepts', async ({ browser, harness }) => {
  test.setTimeout(240_000);
  const platform = await startPlatform();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(harness.url);
    // The expert ranks, rates and justifies (pasting a long draft of the justification), then submits.
    await signInAndSync(page, platform.url, platform.expertToken, 'alice', false);
    await openOnlyMatch(page, 'bromoethane');
    await rankAndRateThree(page);
    const justification = 'A is the most accurate and complete; B is padded with background; C has the wrong E2 geometry. '.repeat(4);
    await pasteInto(page, '#justification', justification);
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('save-state')).toContainText('read-only');
    await syncNow(page);

    // The reviewer: the queue shows the paste (size only) beside the submission.
    await signInAndSync(page, platform.url, platform.reviewerToken, 'rita', true);
    await page.getByRole('button', { name: /Review \(1 waiting\)/ }).click();
    const queue = page.getByRole('listbox', { name: /Submissions waiting for review/ });
    await expect(queue.getByRole('option')).toHaveCount(1);
    await expect(queue.getByRole('option').first()).toContainText(`1 paste, ${justification.length.toLocaleString('en-US')} chars`);
    await page.getByRole('combobox', { name: 'Expert' }).selectOption('alice');
    await page.getByRole('checkbox', { name: 'Flagged only' }).check();
    await expect(queue.getByRole('option')).toHaveCount(1);
    await accessibleInBothThemes(page);
    await page.screenshot({ path: resolve(screenshotDir, 'review-queue.png') });

    await queue.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('complementary', { name: 'Your review' });
    await expect(panel.getByRole('list', { name: 'Large pastes' })).toContainText('pasted into justification');

    // Return with two comments: one on a selected span of response resp-2, one on a rating cell.
    await page.keyboard.press('Alt+r');
    await selectText(page, 'response:resp-2', 'Great question!');
    await expect(panel.getByRole('combobox', { name: 'Where' })).toHaveValue('selection');
    const body = panel.getByRole('textbox', { name: 'What to change' });
    await body.fill('Cut the flattery: the teacher asked for the mechanism.');
    await body.press('Alt+Enter');
    await page.getByRole('button', { name: /^Comment on Correctness of response A$/ }).click();
    await body.fill('A 7 here ignores the missing rate law.');
    await expect(page.getByTestId('comment-badge-response:resp-2')).toBeVisible();
    await accessibleInBothThemes(page);
    await page.screenshot({ path: resolve(screenshotDir, 'review-comments.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: resolve(screenshotDir, 'review-comments-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await body.press('Control+Enter');
    await expect(page.getByRole('heading', { name: 'Review', level: 1 })).toBeVisible();
    await syncNow(page);
    const returned = platform.reviews().find((r) => r.review)!.review!;
    expect(returned.verdict).toBe('returned');
    expect(returned.comments.map((c) => [c.anchor.kind, c.body])).toEqual([
      ['response', 'Cut the flattery: the teacher asked for the mechanism.'],
      ['ratingCell', 'A 7 here ignores the missing rate law.'],
    ]);

    // The expert sees each comment at its anchor: the span marked in the response, badges on the response and the cell.
    await signInAndSync(page, platform.url, platform.expertToken, 'alice', true);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
    await page.getByRole('searchbox').fill('bromoethane');
    await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toContainText('Returned for changes', { timeout: 20_000 });
    await page.keyboard.press('Enter');
    const comments = page.getByRole('list', { name: 'Review comments' });
    await expect(comments.getByRole('listitem').filter({ hasText: 'Cut the flattery' })).toBeVisible();
    await expect(page.getByTestId('comment-badge-response:resp-2')).toBeVisible();
    await expect(page.getByRole('button', { name: '1 review comment on Correctness of response A' })).toBeVisible();
    await expect
      .poll(() => page.evaluate(() => [...(CSS.highlights.get('assay-comment') ?? [])].map((r) => (r as Range).toString())))
      .toEqual(['Great question!']);
    await comments.getByRole('button', { name: /“Great question!”/ }).click();
    await expect(comments.locator('.comment-thread.is-active')).toContainText('Cut the flattery');
    // The link brought the quoted span into view inside the response, marked as the open comment.
    await expect
      .poll(() =>
        page.evaluate(() => {
          const range = [...(CSS.highlights.get('assay-comment-active') ?? [])][0] as Range | undefined;
          const box = document.querySelector('[data-comment-target="response:resp-2"]')?.closest('.response-body');
          if (!range || !box) return false;
          const [r, b] = [range.getBoundingClientRect(), box.getBoundingClientRect()];
          return range.toString() === 'Great question!' && r.top >= b.top && r.bottom <= b.bottom;
        }),
      )
      .toBe(true);
    await accessibleInBothThemes(page);
    await page.screenshot({ path: resolve(screenshotDir, 'review-returned.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: resolve(screenshotDir, 'review-returned-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    // A reply, a fix, and the task goes back.
    await comments.getByRole('textbox', { name: 'Reply to rita' }).first().fill('Agreed; I lowered B for it.');
    await comments.getByRole('button', { name: 'Reply' }).first().click();
    await expect(comments).toContainText('Agreed; I lowered B for it. (waiting to be sent)');
    await page.getByRole('textbox', { name: 'Justification' }).fill(`${justification} A omits the rate law, so Correctness 6.`);
    await page.getByRole('textbox', { name: /Correctness of response A/ }).fill('6');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('save-state')).toContainText('read-only');
    await syncNow(page);
    await expect(comments).toContainText('Agreed; I lowered B for it. (sent)');
    const items = await platform.queue();
    expect(items).toHaveLength(1);
    expect(items[0]!.earlierReviews?.[0]?.replies.map((r) => r.body)).toEqual(['Agreed; I lowered B for it.']);

    // The reviewer sees the reply with the resubmission and accepts.
    await signInAndSync(page, platform.url, platform.reviewerToken, 'rita', true);
    await page.getByRole('button', { name: /Review \(1 waiting\)/ }).click();
    await page.getByRole('listbox', { name: /Submissions waiting for review/ }).focus();
    await page.keyboard.press('Enter');
    await expect(panel.getByRole('region', { name: 'Earlier reviews and replies' })).toContainText('Agreed; I lowered B for it.');
    await page.keyboard.press('Alt+a');
    await expect(page.getByRole('heading', { name: 'Review', level: 1 })).toBeVisible();
    await syncNow(page);
    // One verdict per submission, each exactly once: the first returned, the resubmission accepted.
    expect(platform.reviews().filter((r) => r.review).map((r) => r.review!.verdict)).toEqual(['returned', 'accepted']);
  } finally {
    await context.close();
    platform.stop();
  }
});

test('a reviewer reviews offline from the cached queue; the verdicts reach the platform exactly once when back online', async ({ browser, harness }) => {
  test.setTimeout(180_000);
  const platform = await startPlatform();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(harness.url);
    await signInAndSync(page, platform.url, platform.expertToken, 'alice', false);
    await page.getByRole('searchbox').fill('bromoethane');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Response A' })).toBeVisible();
    await rankAndRateThree(page);
    await page.getByRole('textbox', { name: 'Justification' }).fill('A is the most accurate and complete; B is padded with background; C has the wrong E2 geometry.');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('save-state')).toContainText('read-only');
    await syncNow(page);

    // The reviewer pulls the queue, then goes offline (a flight): the queue is read from the encrypted store.
    await signInAndSync(page, platform.url, platform.reviewerToken, 'rita', true);
    await page.getByRole('button', { name: /Sync status/ }).click();
    await page.getByRole('checkbox', { name: 'Work offline' }).check();
    await page.keyboard.press('Escape');
    await page.reload();
    await page.getByRole('button', { name: /Review \(1 waiting\)/ }).click();
    await page.getByRole('listbox', { name: /Submissions waiting for review/ }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('complementary', { name: 'Your review' })).toContainText('alice submitted this');
    await page.keyboard.press('Alt+r');
    await expect(page.getByRole('textbox', { name: 'What to change' })).toBeFocused();
    // A range of the (read-only) justification, selected in the field itself.
    await page.locator('#justification').evaluate((el: HTMLTextAreaElement) => {
      el.focus();
      el.setSelectionRange(37, 58);
    });
    const where = page.getByRole('combobox', { name: 'Where' });
    await expect(where).toHaveValue('selection');
    await expect(where.locator('option:checked')).toHaveText('Justification: “B is padded with back”');
    await page.getByRole('textbox', { name: 'What to change' }).fill('Cut the flattery.');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByText('Nothing waits for review')).toBeVisible();
    await expect(page.getByTestId('pending-count')).toHaveText('1 pending');
    expect(platform.reviews().filter((r) => r.review)).toHaveLength(0);

    // Back online: sent once; a second sync sends nothing more.
    await page.getByRole('button', { name: /Sync status/ }).click();
    await page.getByRole('checkbox', { name: 'Work offline' }).uncheck();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('pending-count')).toHaveText('0 pending', { timeout: 20_000 });
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('pending-count')).toHaveText('0 pending', { timeout: 20_000 });
    const reviewed = platform.reviews().filter((r) => r.review);
    expect(reviewed).toHaveLength(1);
    expect(reviewed[0]!.review).toMatchObject({
      verdict: 'returned',
      comments: [{ anchor: { kind: 'justification', field: 'justification', quote: { exact: 'B is padded with back', start: 37, end: 58 } }, body: 'Cut the flattery.' }],
    });
  } finally {
    await context.close();
    platform.stop();
  }
});
