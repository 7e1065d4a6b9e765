import { resolve } from 'node:path';
import { KEYMAPS } from '../../renderer/src/features/shortcuts/allKeymaps';
import { SHORTCUTS } from '../../renderer/src/features/shortcuts/shortcutList';
import { docsScreenshotDir, expect, screenshotDir, shotPath, test } from './harness';

test('a newcomer loads the demo workspace, finds a task by a word of its prompt and opens it from the keyboard', { tag: '@journey' }, async ({ page, harness }) => {
  const scriptErrors: string[] = [];
  page.on('pageerror', (e) => scriptErrors.push(e.message));
  await page.goto(harness.url);

  await expect(page.getByRole('heading', { name: 'Welcome to Assay' })).toBeVisible();
  await page.screenshot({ path: shotPath(screenshotDir, 'first-start.png') });

  await page.getByRole('button', { name: 'Try the demo workspace' }).click();
  const list = page.getByRole('listbox', { name: 'Tasks' });
  await expect(list.getByRole('option')).toHaveCount(3);
  for (const kind of ['Ranking', 'Reasoning', 'Trajectory']) {
    await expect(list.locator('.kind-badge', { hasText: kind })).toHaveCount(1);
  }
  await expect(page.getByTestId('sync-state')).toHaveText('Local only');
  await page.screenshot({ path: shotPath(docsScreenshotDir, 'inbox.png') });

  // `/` focuses search; a word that appears only in the chemistry prompt narrows the list to that task.
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type('bromoethane');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option').first()).toContainText('Ranking');
  await page.screenshot({ path: shotPath(screenshotDir, 'search.png') });

  // Down moves from the search box into the list; Enter opens the task.
  await page.keyboard.press('ArrowDown');
  await expect(list).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Inbox');
  await expect(page.getByRole('region', { name: 'Response A' })).toBeVisible();
  await page.screenshot({ path: shotPath(screenshotDir, 'task-ranking.png') });

  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  expect(scriptErrors).toEqual([]);
});

test('j and k move through the inbox, Enter opens, ? lists every shortcut', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Try the demo workspace' }).click();
  const options = page.getByRole('listbox', { name: 'Tasks' }).getByRole('option');
  await expect(options).toHaveCount(3);
  await page.locator('body').click({ position: { x: 5, y: 5 } });

  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('j');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  const title = (await options.nth(1).locator('.task-title').textContent()) ?? '';
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  // Every entry of the fixed list and of every workspace keymap has its row: keys, what they do, and where.
  const expected = [
    ...SHORTCUTS.map((s) => ({ keys: s.keys, description: s.action, where: s.where })),
    ...KEYMAPS.flatMap((keymap) => keymap.bindings.map((b) => ({ keys: [...b.keys], description: b.description, where: keymap.where }))),
  ];
  expect(KEYMAPS.some((k) => k.where === 'Ranking')).toBe(true);
  const rows = await dialog.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      keys: [...tr.querySelectorAll('kbd')].map((k) => k.textContent ?? ''),
      description: tr.children[1]?.textContent ?? '',
      where: tr.children[2]?.textContent ?? '',
    })),
  );
  for (const entry of expected) expect(rows, `${entry.where}: ${entry.description}`).toContainEqual(entry);
  expect(rows).toHaveLength(expected.length);
  await page.screenshot({ path: resolve(screenshotDir, 'shortcuts.png') });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('the inbox and the ranking workspace follow a dark OS theme', async ({ browser, harness }) => {
  const context = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Try the demo workspace' }).click();
  await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(3);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: resolve(docsScreenshotDir, 'inbox-dark.png') });
  await page.getByRole('searchbox').fill('bromoethane');
  await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.locator('.katex').first()).toBeVisible();
  await page.screenshot({ path: resolve(docsScreenshotDir, 'ranking-dark.png') });
  await context.close();
});
