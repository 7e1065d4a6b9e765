import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './harness';

const seriousViolations = async (page: Page) => {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
};

for (const scheme of ['light', 'dark'] as const) {
  test(`the welcome screen, the inbox and the ranking workspace pass axe (WCAG 2.1 AA) in ${scheme}`, async ({ browser, harness }) => {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(harness.url);
    await expect(page.getByRole('heading', { name: 'Welcome to Assay' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Try the demo workspace' }).click();
    await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(3);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('searchbox').fill('bromoethane');
    await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(1);
    await page.keyboard.press('Enter');
    await expect(page.locator('.katex').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
}
