import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { docsScreenshotDir, expect, screenshotDir, test } from './harness';

const openDemoReasoning = async (page: Page, url: string) => {
  await page.goto(url);
  await page.getByRole('button', { name: 'Try the demo workspace' }).click();
  await page.getByRole('searchbox').fill('reciprocal');
  await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Solution steps' })).toBeVisible();
};

/** Scrolls the steps column (only it) so model step n is at its top. */
const scrollStepsTo = (page: Page, n: number) =>
  page.locator('.reasoning-steps').evaluate((list, index) => {
    const card = list.querySelectorAll<HTMLElement>('[data-step-kind="model"]')[index - 1]!;
    list.scrollTop += card.getBoundingClientRect().top - list.getBoundingClientRect().top - 4;
  }, n);

const step = (page: Page, n: number) => page.locator('.reasoning-steps [data-step-kind="model"]').nth(n - 1);
const mine = (page: Page, n: number) => page.locator('.reasoning-steps [data-step-kind="authored"]').nth(n - 1);

const REWRITE = [
  'Add $2024^2$ to both sides to complete the product:\n\n$$\nmn - 2024m - 2024n + 2024^2 = 2024^2 \\iff (m-2024)(n-2024) = 2024^2.\n$$',
  'Both factors are positive (step 1), so the ordered pairs match the positive divisors $d$ of $2024^2 = 2^6 \\cdot 11^2 \\cdot 23^2$.',
  'That number is $(6+1)(2+1)(2+1) = 63$, so there are $\\boxed{63}$ ordered pairs.',
];

test('an expert grades the demo solution by keyboard in first_error mode, rewrites from step 4 and submits; reopened it is read-only and intact', async ({ page, harness }) => {
  const scriptErrors: string[] = [];
  page.on('pageerror', (e) => scriptErrors.push(e.message));
  await openDemoReasoning(page, harness.url);
  await expect(step(page, 1)).toBeFocused();
  await expect(page.locator('.reasoning-steps .katex').first()).toBeVisible();
  await expect(page.locator('.reasoning-steps [data-step-kind="model"]')).toHaveCount(10);

  // Steps 1-3 are right (+, 1, =): each rating moves on to the next step.
  await page.keyboard.press('+');
  await page.keyboard.press('1');
  await page.keyboard.press('=');
  await expect(step(page, 4)).toBeFocused();
  // Back one step with k: the same rating key keeps the rating (a key never toggles it off) and moves on.
  await page.keyboard.press('k');
  await expect(step(page, 3)).toBeFocused();
  await page.keyboard.press('1');
  await expect(step(page, 3)).toHaveAttribute('aria-label', 'Step 3, correct (+1)');
  await expect(step(page, 4)).toBeFocused();
  // A flag on step 4, then -1: rating stops there, later steps are greyed as not graded.
  await page.keyboard.press('f');
  await page.keyboard.press('-');
  await expect(step(page, 4)).toHaveClass(/first-error/);
  await expect(step(page, 5)).toHaveClass(/state-not_graded/);
  await expect(page.getByTestId('progress')).toContainText('4 of 10 steps rated · first error at step 4 · 1 flagged');

  // r: rewrite from step 4; the editor starts from the step's text.
  await page.keyboard.press('r');
  const editor1 = mine(page, 1).getByRole('textbox', { name: 'Your step 1' });
  await expect(editor1).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(REWRITE[0]!);
  await page.keyboard.press('Alt+Enter');
  await expect(mine(page, 2).getByRole('textbox')).toBeFocused();
  await page.keyboard.type(REWRITE[1]!);
  await page.keyboard.press('Alt+Enter');
  await page.keyboard.type(REWRITE[2]!);
  await expect(mine(page, 3).locator('.step-preview .katex').first()).toBeVisible();
  await expect(mine(page, 1).locator('.step-preview .katex-display')).toBeVisible();
  await expect(page.locator('.latex-errors')).toHaveCount(0);

  // Esc leaves the editor (not the task); a goes to the final answer, which matches the reference.
  await page.keyboard.press('Escape');
  await expect(mine(page, 3)).toBeFocused();
  await page.keyboard.press('a');
  await expect(page.getByRole('textbox', { name: 'Final answer' })).toBeFocused();
  await page.keyboard.type('63');
  await expect(page.locator('#answer-check')).toHaveText('Matches the reference');
  // Esc in the answer goes back to the steps; ? lists the workspace's own keys, from the same keymap that binds them.
  await page.keyboard.press('Escape');
  await expect(page.locator('.reasoning-steps [data-step-id]:focus')).toHaveCount(1);
  await page.keyboard.press('?');
  const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(shortcuts).toContainText('Rewrite from this step');
  await expect(shortcuts).toContainText('Split your step at the cursor');
  await page.keyboard.press('Escape');
  await expect(shortcuts).toBeHidden();
  await scrollStepsTo(page, 3);
  await page.screenshot({ path: resolve(docsScreenshotDir, 'reasoning.png') });

  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('save-state')).toContainText('read-only');
  await page.screenshot({ path: resolve(screenshotDir, 'reasoning-submitted.png') });

  // Reopened: read-only, and every rating, step and the answer as submitted.
  await page.keyboard.press('Escape');
  await page.getByRole('searchbox').fill('reciprocal');
  await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('save-state')).toContainText('read-only');
  const expectedLabels = ['Step 1, correct (+1)', 'Step 2, correct (+1)', 'Step 3, correct (+1)', 'Step 4, wrong (−1), flagged'];
  for (const [i, label] of expectedLabels.entries()) await expect(step(page, i + 1)).toHaveAttribute('aria-label', label);
  for (let n = 5; n <= 10; n++) await expect(step(page, n)).toHaveAttribute('aria-label', `Step ${n}, not rated, not graded: after the first error`);
  await expect(page.locator('.reasoning-steps [data-step-kind="authored"]')).toHaveCount(3);
  await expect(page.locator('.reasoning-steps textarea')).toHaveCount(0);
  await expect(mine(page, 1).locator('.step-preview')).toContainText('Add');
  await expect(mine(page, 3).locator('.step-preview')).toContainText('ordered pairs');
  await expect(page.getByRole('textbox', { name: 'Final answer' })).toHaveValue('63');
  await expect(page.getByRole('textbox', { name: 'Final answer' })).toHaveAttribute('readonly', '');
  await expect(page.getByRole('radio', { name: /Found error/ })).toBeChecked();
  await expect(page.getByRole('radio', { name: /Found error/ })).toBeDisabled();

  // What was stored, field by field.
  const stored = await page.evaluate(async () => {
    const token = document.querySelector<HTMLMetaElement>('meta[name="assay-bridge-token"]')!.content;
    const response = await fetch('/bridge/openTask', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-assay-token': token },
      body: JSON.stringify({ id: 'demo-reasoning-reciprocals' }),
    });
    const result = (await response.json()) as { value: { draft: { annotation: Record<string, unknown> }; status: string } };
    return { ...result.value.draft.annotation, status: result.value.status } as Record<string, unknown>;
  });
  expect(stored.status).toBe('submitted');
  expect(stored.stepRatings).toEqual({ 'step-1': 1, 'step-2': 1, 'step-3': 1, 'step-4': -1 });
  expect(stored.firstErrorStepId).toBe('step-4');
  expect(stored.rewriteFromStepId).toBe('step-4');
  expect(stored.flaggedStepIds).toEqual(['step-4']);
  expect((stored.authoredSteps as { content: string }[]).map((s) => s.content)).toEqual(REWRITE);
  expect(stored.finalAnswer).toBe('63');
  expect(stored.finishReason).toBe('found_error');
  // Per-step active time: seconds went to the steps that held focus, and only to steps of this task.
  const seconds = stored.stepSeconds as Record<string, number>;
  expect(Object.values(seconds).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  const ids = new Set([...Array.from({ length: 10 }, (_, i) => `step-${i + 1}`), ...(stored.authoredSteps as { id: string }[]).map((s) => s.id)]);
  expect(Object.keys(seconds).every((id) => ids.has(id))).toBe(true);

  // The submitted work exports as TRL stepwise supervision: the model's steps to the error, then the corrected solution.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Export…' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: /TRL stepwise/ }).click();
  const file = await (await download).path();
  const exported = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { prompt: string; completions: string[]; labels: boolean[] });
  expect(exported.map((l) => l.labels)).toEqual([
    [true, true, true, false],
    [true, true, true, true, true, true],
  ]);
  expect(exported[1]!.completions.slice(3)).toEqual(REWRITE);
  expect(scriptErrors).toEqual([]);
});

const importJsonl = async (page: Page, name: string, lines: readonly unknown[], expected: string) => {
  await page.getByTestId('import-file-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n')) });
  await expect(page.getByRole('status').filter({ hasText: expected })).toBeVisible();
};

const openBySearch = async (page: Page, text: string) => {
  await page.getByRole('searchbox').fill(text);
  await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Solution steps' })).toBeVisible();
};

test('author mode: the expert writes a solution from scratch, reshaping steps by keyboard, and submits', async ({ page, harness }) => {
  const scriptErrors: string[] = [];
  page.on('pageerror', (e) => scriptErrors.push(e.message));
  await page.goto(harness.url);
  await importJsonl(
    page,
    'author.jsonl',
    [{ id: 'author-1', project: 'Authoring', title: 'Sum of the first hundred odd numbers', payload: { kind: 'reasoning', mode: 'author', problem: 'Find $1 + 3 + 5 + \\dots + 199$.', referenceAnswer: '10000', showReference: true } }],
    'Imported 1 task',
  );
  await openBySearch(page, 'hundred odd');
  const editor = (n: number) => page.locator('.reasoning-steps [data-step-kind="authored"]').nth(n - 1).getByRole('textbox');
  await expect(editor(1)).toBeFocused();
  // Two thoughts typed into one step, then split at the cursor (Alt+S).
  await page.keyboard.type('There are $100$ odd numbers from $1$ to $199$.');
  await page.keyboard.type(' The $k$-th odd number is $2k-1$.');
  for (let i = 0; i < ' The $k$-th odd number is $2k-1$.'.length - 1; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Alt+s');
  await expect(editor(2)).toBeFocused();
  await expect(editor(1)).toHaveValue('There are $100$ odd numbers from $1$ to $199$.');
  await expect(editor(2)).toHaveValue('The $k$-th odd number is $2k-1$.');
  // A new step, moved above the second one (Alt+↑), then moved back (Alt+↓).
  await page.keyboard.press('End');
  await page.keyboard.press('Alt+Enter');
  await page.keyboard.type('So the sum is $\\sum_{k=1}^{100} (2k-1) = 2\\cdot\\frac{100\\cdot 101}{2} - 100 = 100^2$.');
  await page.keyboard.press('Alt+ArrowUp');
  await expect(editor(2)).toHaveValue(/^So the sum/);
  await expect(editor(2)).toBeFocused();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(editor(3)).toHaveValue(/^So the sum/);
  // A stray step: added, then merged into the one above (Alt+M) and the join undone by deleting it instead.
  await page.keyboard.press('Alt+Enter');
  await page.keyboard.type('$\\frac{1}{$ oops');
  await expect(page.locator('.latex-errors')).toContainText('LaTeX error');
  await page.screenshot({ path: resolve(screenshotDir, 'reasoning-author.png') });
  await page.keyboard.press('Alt+Shift+D');
  await expect(page.locator('.reasoning-steps [data-step-kind="authored"]')).toHaveCount(3);
  await expect(page.locator('.latex-errors')).toHaveCount(0);
  // Merge the second step into the first.
  await editor(2).focus();
  await page.keyboard.press('Alt+m');
  await expect(page.locator('.reasoning-steps [data-step-kind="authored"]')).toHaveCount(2);
  await expect(editor(1)).toHaveValue('There are $100$ odd numbers from $1$ to $199$.\n\nThe $k$-th odd number is $2k-1$.');
  // The answer, written differently from the reference, still matches.
  await page.keyboard.press('Escape');
  await page.keyboard.press('a');
  await page.keyboard.type('10{,}000');
  await expect(page.locator('#answer-check')).toHaveText('Matches the reference');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('save-state')).toContainText('read-only');
  await page.keyboard.press('Escape');
  await openBySearch(page, 'hundred odd');
  await expect(page.locator('.reasoning-steps [data-step-kind="authored"]')).toHaveCount(2);
  await expect(page.locator('.reasoning-steps [data-step-kind="authored"]').nth(1).locator('.step-preview .katex').first()).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Final answer' })).toHaveValue('10{,}000');
  await expect(page.getByRole('radio', { name: /Solution/ })).toBeChecked();
  expect(scriptErrors).toEqual([]);
});

test('a wrong answer needs an acknowledgement, a wrong calculator annotation is marked on its step, and validation shows at the field', async ({ page, harness }) => {
  await page.goto(harness.url);
  await importJsonl(
    page,
    'grade.jsonl',
    [
      {
        id: 'grade-1',
        project: 'Grading',
        title: 'Duck eggs at the market',
        payload: {
          kind: 'reasoning',
          mode: 'grade',
          problem: 'Janet’s ducks lay 16 eggs per day. She eats 3 and bakes with 4, and sells the rest at $2 each. How much does she make?',
          referenceAnswer: '#### 18',
          showReference: true,
          modelSteps: [
            { id: 's1', content: 'She sells 16 - 3 - 4 = <<16-3-4=9>>9 eggs.' },
            { id: 's2', content: 'She makes 9 * 2 = $<<9*2=19>>19.' },
          ],
          modelAnswer: '19',
        },
      },
    ],
    'Imported 1 task',
  );
  await openBySearch(page, 'duck eggs');
  await expect(page.locator('.reasoning-steps [data-step-kind="model"]').nth(1).locator('.calc-wrong')).toHaveText('Calculator: 9*2 is 18, not 19');
  await expect(page.locator('.reasoning-steps [data-step-kind="model"]').nth(0).locator('.calc-wrong')).toHaveCount(0);
  // Submitting with nothing rated: the errors show where they are.
  await page.keyboard.press('Control+Enter');
  await expect(page.locator('.reasoning-steps [data-step-kind="model"]').nth(0).locator('.field-error')).toHaveText('Rate step 1');
  await page.keyboard.press('1');
  await page.keyboard.press('3');
  const second = page.locator('.reasoning-steps [data-step-kind="model"]').nth(1);
  await expect(second).toHaveAttribute('aria-label', 'Step 2, wrong (−1)');
  // Undo and redo take back and restore the last rating.
  await page.keyboard.press('Control+z');
  await expect(second).toHaveAttribute('aria-label', 'Step 2, not rated');
  await page.keyboard.press('Control+Shift+z');
  await expect(second).toHaveAttribute('aria-label', 'Step 2, wrong (−1)');
  await expect(page.locator('#answer-check')).toHaveText('Differs from the reference');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('save-state')).not.toContainText('read-only');
  await page.getByRole('checkbox', { name: /submit it anyway/ }).check();
  // The right answer shows as matching; changed to a wrong one and submitted at once, before the shown check
  // catches up, the submission still compares the answer it sends and stops for a confirmation.
  await page.getByRole('textbox', { name: 'Final answer' }).focus();
  await page.keyboard.type('18');
  await expect(page.locator('#answer-check')).toHaveText('Matches the reference');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('7');
  await page.keyboard.press('Control+Enter');
  await expect(page.locator('#answer-check')).toHaveText('Differs from the reference');
  await page.waitForTimeout(500);
  await expect(page.getByTestId('save-state')).not.toContainText('read-only');
  await expect(page.getByRole('checkbox', { name: /submit it anyway/ })).not.toBeChecked();
  await page.getByRole('checkbox', { name: /submit it anyway/ }).check();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('save-state')).toContainText('read-only');
  await expect(page.getByRole('textbox', { name: 'Final answer' })).toHaveValue('17');
});

const naughty = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/big-list-of-naughty-strings.json'), 'utf8')) as string[];
const PER_TASK = 20;

test('every string of the bad-input corpus, as a problem and as a step, renders as text and runs nothing', async ({ page, harness }) => {
  test.setTimeout(240_000);
  const executed: string[] = [];
  page.on('dialog', (d) => {
    executed.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => executed.push(`page error: ${e.message}`));
  await page.goto(harness.url);
  const batches = Math.ceil(naughty.length / PER_TASK);
  const lines = Array.from({ length: batches }, (_, t) => {
    const chunk = naughty.slice(t * PER_TASK, (t + 1) * PER_TASK);
    const batch = `hostilereasoning${String(t).padStart(2, '0')}`;
    return {
      id: batch,
      project: 'Hostile',
      title: `${batch} steps`,
      payload: { kind: 'reasoning', mode: 'grade', problem: `${batch}\n\n${chunk.join('\n\n')}`, modelSteps: chunk.map((content, i) => ({ id: `s${i}`, content })), modelAnswer: chunk[0] },
    };
  });
  await importJsonl(page, 'hostile.jsonl', lines, `Imported ${batches} tasks`);
  for (let t = 0; t < batches; t++) {
    const batch = `hostilereasoning${String(t).padStart(2, '0')}`;
    await openBySearch(page, batch);
    const chunk = naughty.slice(t * PER_TASK, (t + 1) * PER_TASK);
    await expect(page.locator('.reasoning-steps [data-step-kind="model"]')).toHaveCount(chunk.length);
    // Model text is text: no element the strings spell out exists in the page.
    expect(await page.locator('.reasoning-workspace script, .reasoning-workspace iframe, .reasoning-workspace img, .reasoning-workspace object, .reasoning-workspace svg:not(.katex *)').count()).toBe(0);
    // Each non-blank string shows some visible text in its step.
    for (const [i, s] of chunk.entries()) {
      if (s.trim() === '' || /^[-*_=\s]+$/.test(s)) continue;
      const body = page.locator('.reasoning-steps [data-step-kind="model"]').nth(i).locator('.step-body');
      await expect(body, `step ${i} of ${batch}: ${JSON.stringify(s)}`).toHaveText(/\S/);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${batch} widens the page`).toBeLessThanOrEqual(0);
    await page.keyboard.press('Escape');
  }
  expect(executed).toEqual([]);
  expect(await page.evaluate(() => Boolean((window as unknown as { xss?: unknown }).xss))).toBe(false);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the reasoning workspace passes axe at every impact level in ${scheme}`, async ({ browser, harness }) => {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await openDemoReasoning(page, harness.url);
    await page.keyboard.press('1');
    await page.keyboard.press('1');
    await page.keyboard.press('1');
    await page.keyboard.press('3');
    await page.keyboard.press('r');
    await expect(page.locator('.reasoning-steps [data-step-kind="authored"] textarea')).toBeFocused();
    await page.keyboard.press('Escape');
    await page.keyboard.press('a');
    await page.keyboard.type('16');
    await expect(page.locator('#answer-check')).toHaveText('Differs from the reference');
    await scrollStepsTo(page, 3);
    if (scheme === 'dark') await page.screenshot({ path: resolve(docsScreenshotDir, 'reasoning-dark.png') });
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
    await context.close();
  });
}
