import { resolve } from 'node:path';
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

const step = (page: Page, n: number) => page.locator('.reasoning-steps [data-step-kind="model"]').nth(n - 1);
const mine = (page: Page, n: number) => page.locator('.reasoning-steps [data-step-kind="authored"]').nth(n - 1);

const REWRITE = [
  'Add $2024^2$ to both sides to complete the product:\n$$mn - 2024m - 2024n + 2024^2 = 2024^2 \\iff (m-2024)(n-2024) = 2024^2.$$',
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
  await expect(page.locator('.latex-errors')).toHaveCount(0);

  // Esc leaves the editor (not the task); a goes to the final answer, which matches the reference.
  await page.keyboard.press('Escape');
  await expect(mine(page, 3)).toBeFocused();
  await page.keyboard.press('a');
  await expect(page.getByRole('textbox', { name: 'Final answer' })).toBeFocused();
  await page.keyboard.type('63');
  await expect(page.locator('#answer-check')).toHaveText('Matches the reference');
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
  expect(scriptErrors).toEqual([]);
});
