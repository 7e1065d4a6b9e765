import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './harness';

/**
 * Every axe violation of the WCAG 2.0/2.1 A and AA rules, at every impact level (minor and moderate too),
 * plus axe's best practices. Nothing is excluded.
 */
const violations = async (page: Page) => {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
};

for (const scheme of ['light', 'dark'] as const) {
  test(`the welcome screen, the inbox, the ranking workspace (with field errors) and the shortcuts list pass axe (WCAG 2.1 A and AA and best practices, every impact level) in ${scheme}`, async ({ browser, harness }) => {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(harness.url);
    await expect(page.getByRole('heading', { name: 'Welcome to Assay' })).toBeVisible();
    expect(await violations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Try the demo workspace' }).click();
    await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(3);
    expect(await violations(page)).toEqual([]);

    await page.getByRole('searchbox').fill('bromoethane');
    await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(1);
    await page.keyboard.press('Enter');
    await expect(page.locator('.katex').first()).toBeVisible();
    expect(await violations(page)).toEqual([]);

    // With the judgement's field errors showing, and with the shortcuts dialog open.
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('Control+Enter');
    await expect(page.getByRole('alert').filter({ hasText: 'before you can submit' })).toBeVisible();
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    expect(await violations(page)).toEqual([]);
    await context.close();
  });
}
