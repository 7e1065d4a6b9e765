import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { stripAnsi } from '../../shared/trajectory/ansi';
import { docsScreenshotDir, expect, screenshotDir, test } from './harness';

const naughty = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/big-list-of-naughty-strings.json'), 'utf8')) as string[];

/** A SWE-agent .traj with one step per entry, in the format the app imports (function-calling history). */
const sweAgentTraj = (steps: Array<{ thought: string; action: string; observation: string; toolPath?: string }>, problem: string, patch: string) =>
  JSON.stringify(
    {
      environment: 'main',
      trajectory: steps.map((s, i) => ({ action: s.action, observation: s.observation, response: s.thought, thought: s.thought, execution_time: 0.5 + i / 10, state: { open_file: 'n/a', working_dir: '/repo' } })),
      history: [
        { role: 'system', content: 'SETTING: ...', agent: 'main' },
        { role: 'user', content: `We're currently solving the following issue within our repository. Here's the issue text:\nISSUE:\n${problem}\n\nINSTRUCTIONS:\nSolve it.`, agent: 'main' },
        ...steps.flatMap((s, i) => [
          {
            role: 'assistant',
            content: s.thought,
            thought: s.thought,
            action: s.action,
            agent: 'main',
            tool_calls: [
              s.toolPath !== undefined
                ? { id: `call_${i}`, type: 'function', function: { name: 'str_replace_editor', arguments: JSON.stringify({ command: 'str_replace', path: s.toolPath, old_str: s.observation, new_str: s.thought }) } }
                : { id: `call_${i}`, type: 'function', function: { name: 'bash', arguments: JSON.stringify({ command: s.action }) } },
            ],
          },
          { role: 'tool', content: s.observation, agent: 'main', tool_call_ids: [`call_${i}`] },
        ]),
      ],
      info: { submission: patch, exit_status: 'submitted' },
    },
    null,
    2,
  );

const importFile = async (page: Page, name: string, text: string, expected: string) => {
  await page.getByTestId('import-file-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByRole('status').filter({ hasText: expected })).toBeVisible();
};

const openTask = async (page: Page, search: string) => {
  await page.getByRole('searchbox').fill(search);
  await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('listbox', { name: 'Steps' })).toBeVisible();
};

const row = (page: Page, n: number) => page.getByRole('listbox', { name: 'Steps' }).locator(`[data-step-id="step-${n}"]`);

const RUN_STEPS = 22;
const LONG_OUTPUT = Array.from({ length: 2000 }, (_, n) => `collected line ${n}`).join('\n');
const LABELS = ['g', 'n', 'b'] as const;
const LABEL_NAMES = { g: 'good', n: 'neutral', b: 'bad' } as const;
const NEW_PATCH = 'diff --git a/calc/ops.py b/calc/ops.py\n--- a/calc/ops.py\n+++ b/calc/ops.py\n@@ -1,2 +1,2 @@\n def div(a, b):\n-    return a / b\n+    return a / b if b else None\n';

test('an engineer labels 20 steps, marks the first wrong one, rewrites the tail, fixes the patch in Monaco, submits, and reopens it read-only', async ({ page, harness }) => {
  test.setTimeout(120_000);
  const scriptErrors: string[] = [];
  page.on('pageerror', (e) => scriptErrors.push(e.message));
  const steps = Array.from({ length: RUN_STEPS }, (_, i) => ({
    thought: `Thought number ${i + 1}: look at the division helper.`,
    action: `grep -n div calc/ops.py # step ${i + 1}`,
    observation: i === 1 ? '\u001b[31mFAILED\u001b[0m test_div \u001b[2J\u001b]0;title\u0007done' : i === 2 ? LONG_OUTPUT : `output of step ${i + 1}`,
  }));
  await page.goto(harness.url);
  await importFile(page, 'calc.traj', sweAgentTraj(steps, 'Division by zero crashes calc', 'diff --git a/calc/ops.py b/calc/ops.py\n'), 'Imported 1 task');
  await openTask(page, 'Division by zero');
  await expect(page.getByRole('heading', { name: `Step 1 of ${RUN_STEPS}` })).toBeVisible();

  // ANSI colours render as colours; the screen-clearing and title sequences are gone.
  await page.keyboard.press('j');
  const observation = page.getByLabel('Observation');
  await expect(observation).toHaveText('FAILED test_div done');
  await expect(observation.locator('span.ansi-fg-1')).toHaveText('FAILED');
  // A long observation opens as its head; o fetches and shows the whole of it.
  await page.keyboard.press('j');
  await expect(page.getByRole('button', { name: /Show all/ })).toBeVisible();
  expect(((await observation.textContent()) ?? '').length).toBeLessThan(LONG_OUTPUT.length);
  await page.keyboard.press('o');
  await expect(observation).toHaveJSProperty('textContent', LONG_OUTPUT);
  await page.keyboard.press('k');
  await page.keyboard.press('k');

  // Label 20 steps by keyboard: g / n / b, then j to the next.
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press(LABELS[i % 3]!);
    await page.keyboard.press('j');
  }
  await expect(page.getByRole('heading', { name: `Step 21 of ${RUN_STEPS}` })).toBeVisible();
  // Step 5 is the first wrong one.
  await page.keyboard.press('Home');
  for (let i = 0; i < 4; i++) await page.keyboard.press('j');
  await page.keyboard.press('w');
  await expect(row(page, 5)).toContainText('first wrong');
  await expect(row(page, 5)).toContainText('bad');

  // Rewrite from step 20: steps 21 and 22 go, two steps of the expert's own come in.
  await page.keyboard.press('End');
  await page.keyboard.press('k');
  await page.keyboard.press('k');
  await expect(page.getByRole('heading', { name: `Step 20 of ${RUN_STEPS}` })).toBeVisible();
  await page.keyboard.press('r');
  await expect(page.getByRole('heading', { name: 'Step 20 of 20' })).toBeVisible();
  const newSteps = [
    { thought: 'Guard the zero divisor', action: 'sed -i s/x/y/ calc/ops.py', observation: 'edited' },
    { thought: 'Run the tests', action: 'python -m pytest -q', observation: '3 passed' },
  ];
  for (const [i, s] of newSteps.entries()) {
    await page.keyboard.press('a');
    await expect(page.getByRole('heading', { name: `Step ${21 + i} of ${21 + i}` })).toBeVisible();
    await expect(page.locator('#step-thought-editor')).toBeFocused();
    await page.keyboard.type(s.thought);
    const actionEditor = page.getByTestId('monaco-Edit action');
    await expect(actionEditor.locator('[data-monaco-ready]')).toBeVisible({ timeout: 20_000 });
    await actionEditor.locator('.view-lines').click();
    await page.keyboard.type(s.action);
    await page.locator('#step-observation-editor').fill(s.observation);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('form', { name: /Edit step/ })).toHaveCount(0);
    await expect(page.getByLabel('Observation')).toHaveText(s.observation);
  }

  // The final patch, in Monaco: replace the run's stub with a real fix.
  await page.keyboard.press('p');
  const patchEditor = page.getByTestId('monaco-Final patch');
  await expect(patchEditor.locator('[data-monaco-ready]')).toBeVisible({ timeout: 20_000 });
  await patchEditor.locator('.view-lines').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(NEW_PATCH);
  await expect(page.getByRole('status', { name: 'Patch check' })).toContainText('calc/ops.py not in the task: cannot be checked');
  await page.screenshot({ path: resolve(screenshotDir, 'trajectory-before-submit.png') });

  // Submit from the keyboard (Ctrl+Enter works inside Monaco too).
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('save-state')).toContainText('read-only');

  // Reopen: read-only, with every judgement and edit in place.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox', { name: 'Tasks' })).toBeVisible();
  await openTask(page, 'Division by zero');
  await expect(page.getByTestId('save-state')).toContainText('read-only');
  await expect(page.getByRole('heading', { name: 'Step 1 of 22' })).toBeVisible();
  for (let n = 1; n <= 20; n++) {
    // Marking step 5 the first wrong step labelled it bad.
    await expect(row(page, n).locator('.label-chip')).toHaveText(n === 5 ? 'bad' : LABEL_NAMES[LABELS[(n - 1) % 3]!]);
    if (n < 20) await page.keyboard.press('j');
  }
  await expect(row(page, 5)).toContainText('first wrong');
  await expect(page.getByRole('region', { name: 'Run summary' })).toContainText('20 of 22 steps labelled');
  await expect(page.getByRole('region', { name: 'Run summary' })).toContainText('First wrong step: step 5');
  for (const [i, s] of newSteps.entries()) {
    await page.keyboard.press('j');
    await expect(page.getByRole('heading', { name: `Step ${21 + i} of 22` })).toBeVisible();
    await expect(page.locator('.thought')).toHaveText(s.thought);
    await expect(page.getByTestId('monaco-Action')).toContainText(s.action);
    await expect(page.getByLabel('Observation')).toHaveText(s.observation);
    await expect(page.locator(`[data-step-id="new-${i + 1}"]`)).toContainText('new');
  }
  await expect(page.getByRole('radio', { name: /Good/ })).toBeDisabled();
  await expect(page.locator('#step-comment')).toHaveAttribute('readonly', '');
  // Keys that would change the run do nothing now.
  await page.keyboard.press('g');
  await page.keyboard.press('r');
  await expect(page.getByRole('heading', { name: 'Step 22 of 22' })).toBeVisible();
  await expect(row(page, 22).locator('.label-chip')).toHaveCount(0);
  await page.keyboard.press('p');
  await expect(page.getByTestId('monaco-Final patch')).toContainText('return a / b if b else None');
  await expect(page.getByRole('button', { name: /Submit/ })).toHaveCount(0);
  expect(scriptErrors).toEqual([]);
});

test('the patch check points at the hunk that fails and flags hostile paths; screenshots in light and dark', async ({ browser, harness }) => {
  for (const scheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(harness.url);
    if (scheme === 'light') await page.getByRole('button', { name: 'Try the demo workspace' }).click();
    await openTask(page, 'slugify');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('b');
    await page.keyboard.press('w');
    await expect(page.locator('[data-monaco-ready]').first()).toBeVisible({ timeout: 20_000 });
    await page.screenshot({ path: resolve(docsScreenshotDir, scheme === 'light' ? 'trajectory.png' : 'trajectory-dark.png') });
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect(row(page, 3).locator('.label-chip')).toHaveText('unlabelled');
    // Back on the inbox before closing, or the next start would reopen the task that was open.
    await page.keyboard.press('Escape');
    await expect(page.getByRole('listbox', { name: 'Tasks' })).toBeVisible();
    await context.close();
  }

  const page = await browser.newPage();
  await page.goto(harness.url);
  await expect(page.getByRole('listbox', { name: 'Tasks' })).toBeVisible();
  await openTask(page, 'slugify');
  await page.keyboard.press('p');
  const check = page.getByRole('status', { name: 'Patch check' });
  await expect(check).toContainText('slugkit/slugify.py applies');
  const editor = page.getByTestId('monaco-Final patch');
  await expect(editor.locator('[data-monaco-ready]')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('monaco-diff')).toBeVisible();
  // Break the second file's only hunk: its context no longer matches.
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(
    'diff --git a/tests/test_slugify.py b/tests/test_slugify.py\n--- a/tests/test_slugify.py\n+++ b/tests/test_slugify.py\n@@ -1,3 +1,3 @@\n import pytest\n-\n+import re\n from slugkit import slugify\n@@ -22,3 +22,3 @@\n @pytest.mark.parametrize("text", ["", "   ", "!!!"])\n-def test_empty(text):\n+def test_empty_results(text):\n     assert slugify(text) == ""\n',
  );
  await expect(check).toContainText('tests/test_slugify.py does not apply — hunk 2 @@ -22,3 +22,3 @@ (patch line 9) does not match the base file');
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText('--- a/../../etc/passwd\n+++ b/../../etc/passwd\n@@ -1 +1 @@\n-root\n+evil\n--- /abs/path.py\n+++ /abs/path.py\n@@ -1 +1 @@\n-a\n+b\n');
  await expect(check).toContainText('../../etc/passwd unsafe path — flagged: the path climbs out of the repository (..)');
  await expect(check).toContainText('/abs/path.py unsafe path — flagged: the path is an absolute path');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Label every step' })).toBeVisible();
  await page.screenshot({ path: resolve(screenshotDir, 'trajectory-patch-check.png') });
});

test('every string of the bad-input corpus renders as text as a thought, an observation and a file name, and nothing runs', async ({ page, harness }) => {
  test.setTimeout(240_000);
  const executed: string[] = [];
  page.on('dialog', (d) => {
    executed.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => executed.push(`page error: ${e.message}`));
  const steps = naughty.map((s, i) => ({ thought: s === '' ? '(empty)' : s, action: `echo ${i}`, observation: s, toolPath: s === '' ? '(empty)' : s }));
  await page.goto(harness.url);
  await importFile(page, 'hostile.traj', sweAgentTraj(steps, 'Hostile strings everywhere', ''), 'Imported 1 task');
  await openTask(page, 'Hostile strings');
  const observation = page.locator('.observation');
  for (let i = 0; i < naughty.length; i++) {
    await expect(page.getByRole('heading', { name: `Step ${i + 1} of ${naughty.length}` })).toBeVisible();
    const expected = stripAnsi(naughty[i]!);
    if (expected.trim() !== '') {
      await expect(observation).toHaveJSProperty('textContent', expected);
      // As a file name: the editor tool's path, shown exactly as written.
      await expect(page.locator('.editor-path code')).toHaveJSProperty('textContent', naughty[i]);
    }
    await page.keyboard.press('j');
  }
  expect(await page.evaluate(() => document.querySelectorAll('.trajectory-workspace script, .trajectory-workspace iframe, .trajectory-workspace img, .trajectory-workspace object').length)).toBe(0);
  expect(executed).toEqual([]);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the trajectory workspace passes axe at every impact level in ${scheme}`, async ({ browser, harness }) => {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(harness.url);
    await page.getByRole('button', { name: 'Try the demo workspace' }).click();
    await openTask(page, 'slugify');
    await expect(page.locator('[data-monaco-ready]').first()).toBeVisible({ timeout: 20_000 });
    const violations = async () =>
      (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations.map(
        (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`,
      );
    expect(await violations()).toEqual([]);
    await page.keyboard.press('p');
    await expect(page.getByTestId('monaco-diff')).toBeVisible();
    await page.waitForTimeout(500);
    expect(await violations()).toEqual([]);
    await context.close();
  });
}

test('a SWE-bench instance opens on its problem, and the engineer writes the run from scratch', async ({ page, harness }) => {
  await page.goto(harness.url);
  await importFile(page, 'instances.jsonl', readFileSync(resolve(__dirname, '../fixtures/trajectory/swe-bench-instances.first7.jsonl'), 'utf8'), 'Imported 7 tasks');
  await page.getByRole('searchbox').fill('django__django-16255');
  await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Problem statement' })).toContainText('Sitemaps without items raise ValueError on callable lastmod');
  await expect(page.getByText('django/django @ 444b6da7cc')).toBeVisible();
  // Nothing to submit yet.
  await page.locator('.timeline-list').focus();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Write at least one step' })).toBeVisible();
  await page.keyboard.press('a');
  await expect(page.locator('#step-thought-editor')).toBeFocused();
  await page.keyboard.type('Reproduce with an empty sitemap first.');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Step 1 of 1' })).toBeVisible();
  await expect(page.locator('.thought')).toHaveText('Reproduce with an empty sitemap first.');
  await page.keyboard.press('p');
  await expect(page.getByRole('status', { name: 'Patch check' })).toContainText('No patch yet');
  await page.screenshot({ path: resolve(screenshotDir, 'trajectory-swe-bench.png') });
});
