import { resolve } from 'node:path';
import { expect, screenshotDir, test } from './harness';
import { callCore, rankBadges, ratingCells } from './coreBridge';
import { signInFromPanel } from './platformSignIn';
import { addPlatformUser, importAndAssign, newPlatformData, platformCli, servePlatform } from './platformProcess';
import { openOnlyMatch, rankAndRateThree } from './rankingSteps';

const root = resolve(__dirname, '../..');

interface ServerQueueItem {
  submissionId: string;
  task: { id: string };
  revision: number;
  annotation: { kind: string; displayOrder: string[]; ranks: Record<string, number>; ratings: Record<string, Record<string, number>>; justification: string };
}

interface ClientTask {
  task: { id: string; payload: { rubric?: { criteria: { id: string; label: string }[] } } };
  draft: { revision: number; annotation: ServerQueueItem['annotation'] } | null;
  submission: { revision: number; idempotencyKey: string } | null;
}

/** A real reference platform on loopback, with one expert and the demo project assigned to them. */
async function startPlatform() {
  const data = newPlatformData();
  const token = addPlatformUser(data, 'expert', 'alice');
  const reviewerToken = addPlatformUser(data, 'reviewer', 'rita');
  importAndAssign(data, 'Chemistry', resolve(root, 'tests/fixtures/tasks.valid.jsonl'), 'alice', 3);
  const { url, stop } = await servePlatform(data);
  const status = () => JSON.parse(platformCli(['status', '--data', data, '--json'])) as { submissions: number };
  /** What the platform stored for each submission awaiting review, as the reviewer is shown it. */
  const reviewQueue = async () => {
    const auth = { authorization: `Bearer ${reviewerToken}` };
    return ((await (await fetch(`${url}/v1/review/queue`, { headers: auth })).json()) as { items: ServerQueueItem[] }).items;
  };
  /** The reviewer returns the first submission in the queue with one anchored comment. */
  const returnFirstSubmission = async (anchor: string, body: string) => {
    const auth = { authorization: `Bearer ${reviewerToken}`, 'content-type': 'application/json' };
    const queue = (await (await fetch(`${url}/v1/review/queue`, { headers: auth })).json()) as { items: { submissionId: string }[] };
    const submissionId = queue.items[0]?.submissionId;
    if (!submissionId) throw new Error('the review queue is empty');
    const answer = await fetch(`${url}/v1/reviews`, { method: 'POST', headers: auth, body: JSON.stringify({ submissionId, verdict: 'returned', comments: [{ anchor, body }] }) });
    if (!answer.ok) throw new Error(`review refused: ${answer.status} ${await answer.text()}`);
  };
  return { url, token, status, reviewQueue, returnFirstSubmission, stop };
}

test('signed in to a platform, the expert works offline, comes back online, and the server has the submission once', async ({ page, harness }) => {
  test.setTimeout(120_000);
  const platform = await startPlatform();
  try {
    await page.goto(harness.url);
    await signInFromPanel(page, platform.url, platform.token, 'alice');
    await page.screenshot({ path: resolve(screenshotDir, 'sync-signed-in.png') });

    // Go offline, then do the work.
    await page.getByRole('checkbox', { name: 'Work offline' }).check();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('sync-state')).toHaveText('Offline');
    await openOnlyMatch(page, 'bromoethane');
    await rankAndRateThree(page);
    const justification = 'A is the most accurate and complete; B is padded; C has the syn-periplanar error in the E2 geometry.';
    await page.getByRole('textbox', { name: 'Justification' }).fill(justification);
    const typedRanks = await rankBadges(page);
    const typedRatings = await ratingCells(page);
    expect(typedRanks).toEqual({ 'Response A': '#1', 'Response B': '#2', 'Response C': '#3' });
    expect(Object.values(typedRatings)).toEqual(['7', '6', '5', '6', '5', '4', '7', '7', '7']);
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('save-state')).toContainText('read-only');
    await expect(page.getByTestId('pending-count')).not.toHaveText('0 pending');
    expect(platform.status().submissions).toBe(0);

    // Back online: the outbox drains and the platform holds exactly one submission.
    await page.getByRole('button', { name: /Sync status/ }).click();
    await page.getByRole('checkbox', { name: 'Work offline' }).uncheck();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('pending-count')).toHaveText('0 pending', { timeout: 20_000 });
    await expect(page.getByText('Nothing is waiting')).toBeVisible();
    await page.screenshot({ path: resolve(screenshotDir, 'sync-drained.png') });
    expect(platform.status().submissions).toBe(1);

    // What arrived is what the expert submitted: the client's stored annotation at the submitted revision,
    // and that annotation is what was typed (ranks and ratings by blind label, the justification word for word).
    const [arrived, ...more] = await platform.reviewQueue();
    expect(more).toEqual([]);
    if (!arrived) throw new Error('the submission is not in the review queue');
    const client = await callCore<ClientTask>(page, 'openTask', { id: arrived.task.id });
    expect(client.submission?.revision).toBe(arrived.revision);
    expect(client.draft?.revision).toBe(arrived.revision);
    expect(arrived.annotation).toEqual(client.draft?.annotation);
    const { displayOrder, ranks, ratings } = arrived.annotation;
    expect(arrived.annotation.justification).toBe(justification);
    expect(Object.fromEntries(displayOrder.map((id, i) => [`Response ${'ABC'[i]}`, `#${ranks[id]}`]))).toEqual(typedRanks);
    const criteria = client.task.payload.rubric?.criteria ?? [];
    const typedByCell = Object.fromEntries(
      criteria.flatMap((c) => displayOrder.map((id, i) => [`${c.label} of response ${'ABC'[i]}`, String(ratings[id]?.[c.id] ?? '')])),
    );
    expect(Object.keys(typedRatings).map((label) => typedByCell[label.replace(/, \d+ to \d+$/, '')])).toEqual(Object.values(typedRatings));

    // A reviewer returns it with an anchored comment; at the next sync the expert sees the comment and can edit again.
    await platform.returnFirstSubmission('justification', 'Cite the rate law of each pathway explicitly.');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
    // The search for bromoethane is still on: a ranked list, each row with its status.
    await expect(page.getByRole('option').filter({ hasText: 'bromoethane' }).locator('.status-pill')).toHaveText('Returned for changes', { timeout: 20_000 });
    await page.getByRole('searchbox').fill('bromoethane');
    await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(1);
    await page.keyboard.press('Enter');
    const review = page.getByRole('region', { name: 'Review' });
    await expect(review).toContainText('Returned for changes');
    await expect(review).toContainText('Cite the rate law of each pathway explicitly.');
    await expect(page.getByRole('textbox', { name: 'Justification' })).not.toHaveAttribute('readonly', '');
    await page.screenshot({ path: resolve(screenshotDir, 'sync-returned.png') });
  } finally {
    platform.stop();
  }
});
