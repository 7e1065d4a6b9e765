import AxeBuilder from '@axe-core/playwright';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { openDatabase } from '../../platform/store/sqlite';
import { agreementReportSchema } from '../../shared/sync/reviewQuality';
import { expect, screenshotDir, test } from './harness';
import { signInAndSync } from './platformSignIn';
import { addPlatformUser, newPlatformData, platformCli, servePlatform } from './platformProcess';
import { openOnlyMatch, rankAndRateThree } from './rankingSteps';

const root = resolve(__dirname, '../..');
const RANKING = 'demo-ranking-sn2';
const REASONING = 'demo-reasoning-reciprocals';

const seriousViolations = async (page: Page) => {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
};

/** Every impact level and best practices too, as the accessibility spec runs it on the other screens. */
const allViolations = async (page: Page) => {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
};

/** An expert's submission sent as their app would, through POST /v1/mutations. */
const submitOverProtocol = async (url: string, token: string, client: string, taskId: string, annotation: unknown) => {
  const res = await fetch(`${url}/v1/mutations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      clientId: client,
      mutations: [{ id: Date.now() % 1_000_000, idempotencyKey: `${client}-${taskId}`, type: 'submit', taskId, revision: 1, annotation, activeSeconds: 240, clientTime: new Date().toISOString() }],
    }),
  });
  const body = (await res.json()) as { results: Array<{ status: string }> };
  expect(body.results[0]?.status).toBe('applied');
};

const ranking = (ranks: Record<string, number>, ratings: Record<string, Record<string, number>>) => ({
  kind: 'ranking',
  displayOrder: ['resp-2', 'resp-1', 'resp-3'],
  ranks,
  ratings,
  justification: 'Checked every claim against the rate laws.',
});
const steps = (bad: number) => ({
  kind: 'reasoning',
  stepRatings: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`step-${i + 1}`, i + 1 < bad ? 1 : i + 1 === bad ? -1 : 0])),
  firstErrorStepId: `step-${bad}`,
  finalAnswer: '',
});

test('tasks assigned with overlap: three experts submit, the reviewer sees them side by side and the agreement report', async ({ browser, harness }) => {
  test.setTimeout(240_000);
  const data = newPlatformData();
  const tokens = { alice: addPlatformUser(data, 'expert', 'alice'), bob: addPlatformUser(data, 'expert', 'bob'), cy: addPlatformUser(data, 'expert', 'cy') };
  const rita = addPlatformUser(data, 'reviewer', 'rita');
  platformCli(['import', '--data', data, '--project', 'Chemistry', resolve(root, 'tests/fixtures/tasks.valid.jsonl')]);
  expect(platformCli(['assign', '--data', data, '--user', 'alice,bob,cy', '--project', 'Chemistry', '--overlap', '3', '--count', '2'])).toContain('Assigned 2 task(s) to cy');
  const expected = resolve(mkdtempSync(resolve(tmpdir(), 'assay-gold-')), 'gold.json');
  writeFileSync(expected, JSON.stringify(ranking({ 'resp-1': 1, 'resp-2': 2, 'resp-3': 3 }, {})));
  platformCli(['gold', '--data', data, '--task', RANKING, '--expected', expected]);
  const { url, stop } = await servePlatform(data);
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  try {
    // alice ranks in the app (her blind labels are her own), bob and cy through the protocol as their apps would.
    await page.goto(harness.url);
    await signInAndSync(page, url, tokens.alice, 'alice', false);
    await openOnlyMatch(page, 'bromoethane');
    await rankAndRateThree(page);
    await page.getByRole('textbox', { name: 'Justification' }).fill('A is the most accurate and complete; B is padded with background; C has the wrong E2 geometry.');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('save-state')).toContainText('read-only');
    await page.getByRole('button', { name: /Sync status/ }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('pending-count')).toHaveText('0 pending', { timeout: 20_000 });
    await page.keyboard.press('Escape');
    const ratings = (a: number, b: number, c: number) => ({ 'resp-1': { correctness: a, helpfulness: a, safety: 7 }, 'resp-2': { correctness: b, helpfulness: b, safety: 7 }, 'resp-3': { correctness: c, helpfulness: c, safety: 6 } });
    await submitOverProtocol(url, tokens.bob, 'bob-app', RANKING, ranking({ 'resp-1': 1, 'resp-2': 3, 'resp-3': 2 }, ratings(6, 4, 5)));
    await submitOverProtocol(url, tokens.cy, 'cy-app', RANKING, ranking({ 'resp-1': 1, 'resp-2': 2, 'resp-3': 3 }, ratings(7, 5, 3)));
    await submitOverProtocol(url, tokens.alice, 'alice-script', REASONING, steps(4));
    await submitOverProtocol(url, tokens.bob, 'bob-app', REASONING, steps(4));
    await submitOverProtocol(url, tokens.cy, 'cy-app', REASONING, steps(6));

    // The reviewer: alice's ranking opens with all three judgements side by side, the gold column and each history checked.
    await signInAndSync(page, url, rita, 'rita', true);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /Review \(6 waiting\)/ }).click();
    const queue = page.getByRole('listbox', { name: /Submissions waiting for review/ });
    await queue.getByRole('option', { name: /SN2 vs E2.*alice/ }).dblclick();
    const side = page.getByRole('region', { name: /3 experts' judgements/ });
    await expect(side).toContainText('gold task');
    const table = side.getByTestId('side-by-side');
    await expect(table.getByRole('columnheader')).toHaveText(['Item', 'Gold (expected)', 'alice', 'bob', 'cy']);
    await expect(table.getByRole('row', { name: /Response 2 · resp-2/ })).toContainText('differs');
    await expect(table.getByRole('row', { name: /Gold score/ }).getByRole('cell')).toHaveText([/^$/, /^\d+% \(\d\/3\)$/, '67% (2/3)', '100% (3/3)']);
    await expect(side.getByTestId('platform-history')).toHaveText(/alice: History intact \(1 revision\).*bob: History intact.*cy: History intact/);
    await expect(side).toContainText("Kendall's tau-b (mean over expert pairs)");
    await side.scrollIntoViewIfNeeded();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: resolve(screenshotDir, 'review-side-by-side.png') });
    copyFileSync(resolve(screenshotDir, 'review-side-by-side.png'), resolve(root, 'docs/screenshots/review-side-by-side.png'));
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });

    // The agreement report of the project, as the platform computes it.
    await page.keyboard.press('Escape');
    await expect(page.getByRole('heading', { name: 'Review', level: 1 })).toBeVisible();
    const form = page.getByRole('form', { name: 'Open an agreement report' });
    await expect(form.getByRole('combobox', { name: 'Agreement report for project' })).toHaveValue('Chemistry');
    await form.getByRole('button', { name: 'Agreement report' }).click();
    await expect(page.getByRole('heading', { name: 'Agreement · Chemistry', level: 1 })).toBeVisible();
    const report = agreementReportSchema.parse(
      await (await fetch(`${url}/v1/review/agreement?project=Chemistry`, { headers: { authorization: `Bearer ${rita}` } })).json(),
    );
    expect(report.tasks.map((t) => t.experts)).toEqual([['alice', 'bob', 'cy'], ['alice', 'bob', 'cy']]);
    for (const kind of report.kinds) {
      const rows = page.getByTestId(`agreement-${kind.kind}`).getByRole('row');
      for (const f of kind.figures) {
        await expect(rows.filter({ hasText: f.value === null ? 'undefined' : f.value.toFixed(3) }).first()).toBeVisible();
      }
    }
    const pairwise = report.kinds.find((k) => k.kind === 'ranking')!.figures.find((f) => f.measure === 'pairwise_agreement')!;
    await expect(page.getByTestId('agreement-ranking').getByRole('row', { name: /Agreeing pairwise preferences/ })).toContainText(pairwise.value!.toFixed(3));
    await expect(page.getByRole('img', { name: /Agreement on ranking tasks/ })).toBeVisible();
    await expect(page.getByTestId('agreement-experts').getByRole('row', { name: /^cy/ })).toContainText('100%');
    expect(await allViolations(page)).toEqual([]);
    await page.screenshot({ path: resolve(screenshotDir, 'review-agreement.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await allViolations(page)).toEqual([]);
    await page.screenshot({ path: resolve(screenshotDir, 'review-agreement-dark.png'), fullPage: true });
    copyFileSync(resolve(screenshotDir, 'review-agreement.png'), resolve(root, 'docs/screenshots/review-agreement.png'));
    await page.emulateMedia({ colorScheme: 'light' });

    // Someone with access to the platform's database rewrites bob's ranking: the review view names the broken link.
    const db = openDatabase(resolve(data, 'platform.sqlite'));
    try {
      const changed = db
        .prepare("UPDATE submissions SET annotation_json = json_set(annotation_json, '$.ranks.\"resp-2\"', 1) WHERE task_id = ? AND user_id = (SELECT id FROM users WHERE name = 'bob')")
        .run(RANKING);
      expect(changed.changes).toBe(1);
    } finally {
      db.close();
    }
    await page.keyboard.press('Escape');
    await page.getByRole('listbox', { name: /Submissions waiting for review/ }).getByRole('option', { name: /SN2 vs E2.*alice/ }).dblclick();
    const history = page.getByRole('region', { name: /3 experts' judgements/ }).getByTestId('platform-history');
    await expect(history.getByRole('listitem').filter({ hasText: 'bob' })).toHaveText(/^bob: History broken at revision 1: revision 1 does not match its hash/);
    await expect(history.getByRole('listitem').filter({ hasText: 'alice' })).toHaveText('alice: History intact (1 revision)');
  } finally {
    await context.close();
    stop();
  }
});
