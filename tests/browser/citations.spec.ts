import AxeBuilder from '@axe-core/playwright';
import { resolve } from 'node:path';
import { expect, screenshotDir, test } from './harness';

test('removing highlight A1 of A1-A3 keeps A2 and A3, and the justification marks the [A1] it still cites', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Try the demo workspace' }).click();
  await page.getByRole('searchbox').fill('bromoethane');
  await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  const paragraph = page.getByRole('region', { name: 'Response A' }).locator('.model-markdown p').first();
  await expect(paragraph).toBeVisible();

  const highlights = page.getByRole('list', { name: 'Highlights' });
  for (const [i, from] of [0, 12, 24].entries()) {
    await paragraph.evaluate((p, at) => {
      const text = p.firstChild!;
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, Math.min(at + 8, text.textContent!.length));
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    }, from);
    await paragraph.dispatchEvent('mouseup');
    await page.getByRole('form', { name: 'New highlight' }).getByRole('button', { name: 'Add highlight' }).click();
    await expect(highlights.locator('.span-name')).toHaveCount(i + 1);
  }
  await expect(highlights.locator('.span-name')).toHaveText(['A1', 'A2', 'A3']);
  const justification = page.getByRole('textbox', { name: 'Justification' });
  await justification.fill('A is wrong from the start [A1], then [A2] and [A3] repeat it.');
  await expect(page.locator('.justification-backdrop mark')).toHaveCount(0);

  await highlights.getByRole('button', { name: 'Remove highlight A1' }).click();
  await expect(highlights.locator('.span-name')).toHaveText(['A2', 'A3']);
  await expect(page.locator('.justification-backdrop mark.stale-citation')).toHaveText(['[A1]']);
  await expect(page.getByTestId('stale-citations')).toContainText('Cites removed highlight [A1]');
  await expect(justification).toHaveAttribute('aria-invalid', 'true');
  // The mark sits under the [A1] in the textarea: same box, same line.
  const mark = await page.locator('.justification-backdrop mark.stale-citation').boundingBox();
  const area = await justification.boundingBox();
  expect(mark && area && mark.y >= area.y && mark.y + mark.height <= area.y + area.height).toBe(true);
  await page.screenshot({ path: resolve(screenshotDir, 'citation-removed.png') });

  // A new highlight never takes the removed name.
  await paragraph.evaluate((p) => {
    const text = p.firstChild!;
    const range = document.createRange();
    range.setStart(text, 36);
    range.setEnd(text, Math.min(44, text.textContent!.length));
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
  });
  await paragraph.dispatchEvent('mouseup');
  await page.getByRole('form', { name: 'New highlight' }).getByRole('button', { name: 'Add highlight' }).click();
  await expect(highlights.locator('.span-name')).toHaveText(['A2', 'A3', 'A4']);
  await expect(page.locator('.justification-backdrop mark.stale-citation')).toHaveText(['[A1]']);

  // Long text scrolls inside the box; the mark scrolls with it.
  await justification.fill(`${'A restates the textbook without checking it. '.repeat(30)}Finally [A1].`);
  await justification.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
    el.dispatchEvent(new Event('scroll'));
  });
  // The box keeps its size (the marks under it never stretch it) and really scrolled.
  expect(await justification.evaluate((el) => el.scrollHeight > el.clientHeight && el.scrollTop > 0)).toBe(true);
  const scrolledMark = await page.locator('.justification-backdrop mark.stale-citation').boundingBox();
  const box = await justification.boundingBox();
  expect(scrolledMark && box && scrolledMark.y >= box.y && scrolledMark.y + scrolledMark.height <= box.y + box.height).toBe(true);
  await page.locator('.justification-editor').screenshot({ path: resolve(screenshotDir, 'citation-removed-scrolled.png') });

  const violations = (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(violations.map((v) => v.id)).toEqual([]);
});
