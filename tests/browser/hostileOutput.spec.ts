import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, screenshotDir, test } from './harness';

const naughty = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/big-list-of-naughty-strings.json'), 'utf8')) as string[];
const PER_TASK = 16;

/** Every hostile string becomes a response; 16 to a task, so the whole list is a few dozen tasks. */
const hostileTasksJsonl = () => {
  const lines: string[] = [];
  for (let t = 0; t * PER_TASK < naughty.length; t++) {
    const chunk = naughty.slice(t * PER_TASK, (t + 1) * PER_TASK);
    while (chunk.length < 2) chunk.push('filler');
    const batch = `hostilebatch${String(t).padStart(2, '0')}`;
    lines.push(
      JSON.stringify({
        id: batch,
        project: 'Hostile',
        title: `${batch} model output`,
        payload: {
          kind: 'ranking',
          conversation: [{ role: 'user', content: `Repeat after me ${batch}` }],
          responses: chunk.map((content, i) => ({ id: `${batch}-${i}`, content: content === '' ? '(empty)' : content })),
        },
      }),
    );
  }
  return lines.join('\n');
};

test('every string of the naughty-strings corpus renders as model output without running a script or breaking the layout', async ({ page, harness }) => {
  test.setTimeout(180_000);
  const executed: string[] = [];
  page.on('dialog', (d) => {
    executed.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => executed.push(`page error: ${e.message}`));
  await page.goto(harness.url);
  await page.evaluate(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __violations: string[] }).__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
    (window as unknown as { __violations: string[] }).__violations = [];
  });
  await page.getByTestId('import-file-input').setInputFiles({ name: 'hostile.jsonl', mimeType: 'application/json', buffer: Buffer.from(hostileTasksJsonl()) });
  const batches = Math.ceil(naughty.length / PER_TASK);
  await expect(page.getByRole('status').filter({ hasText: `Imported ${batches} tasks` })).toBeVisible();

  for (let t = 0; t < batches; t++) {
    const batch = `hostilebatch${String(t).padStart(2, '0')}`;
    await page.getByRole('searchbox').fill(batch);
    await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toHaveCount(1);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Stacked' }).click();
    await expect(page.getByRole('region', { name: 'Response A' })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${batch} widens the page`).toBeLessThanOrEqual(0);
    if (t === 12) await page.screenshot({ path: resolve(screenshotDir, 'hostile-output.png') });
    await page.keyboard.press('Escape');
  }

  // The page itself never ran anything the strings carried: no alert, no error, no blocked injected load.
  expect(executed).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  expect(await page.evaluate(() => Boolean((window as unknown as { xss?: unknown }).xss))).toBe(false);
});
