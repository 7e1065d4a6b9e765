import { expect, test } from './harness';

/**
 * Issue 11: opening the same task again and again in one page must leave nothing behind. Counted after forced
 * garbage collections (CDP), back on the inbox each time: every live DOM node (attached or not) and every JS
 * event listener. No time is measured; the bench has the per-open rows (scripts/bench/repeatOpen.ts).
 */
test('ten opens of the same task leave no DOM nodes and no event listeners behind', async ({ page, harness }) => {
  test.setTimeout(120_000);
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Try the demo workspace' }).click();
  const search = page.getByRole('searchbox');
  const tasks = page.getByRole('listbox', { name: 'Tasks' }).getByRole('option');
  await expect(tasks).toHaveCount(3);

  const cdp = await page.context().newCDPSession(page);
  const counts: { nodes: number; jsEventListeners: number }[] = [];
  for (let open = 1; open <= 10; open++) {
    await search.fill('bromoethane');
    await expect(tasks).toHaveCount(1);
    await search.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('section[aria-label^="Response "] .model-markdown[data-complete="true"]')).toHaveCount(3);
    await expect(page.locator('.math:not([data-typeset])')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(search).toBeVisible();
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
    counts.push({ nodes, jsEventListeners });
  }
  const [first, last] = [counts[0]!, counts.at(-1)!];
  expect(last.nodes, `DOM nodes after each open: ${counts.map((c) => c.nodes).join(', ')}`).toBeLessThanOrEqual(first.nodes);
  expect(last.jsEventListeners, `listeners after each open: ${counts.map((c) => c.jsEventListeners).join(', ')}`).toBeLessThanOrEqual(first.jsEventListeners);
});
