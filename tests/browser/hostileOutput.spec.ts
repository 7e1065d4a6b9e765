import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, screenshotDir, test } from './harness';

const naughty = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/big-list-of-naughty-strings.json'), 'utf8')) as string[];
const PER_TASK = 16;
// The corpus's empty string is imported as it is (an empty model answer is a real case), not replaced.
if (!naughty.includes('')) throw new Error('the naughty-strings corpus should hold the empty string');

/** Every hostile string becomes a response; 16 to a task, so the whole list is a few dozen tasks. */
const chunks: string[][] = [];
const hostileTasksJsonl = () => {
  const lines: string[] = [];
  chunks.length = 0;
  for (let t = 0; t * PER_TASK < naughty.length; t++) {
    const chunk = naughty.slice(t * PER_TASK, (t + 1) * PER_TASK);
    while (chunk.length < 2) chunk.push('filler');
    chunks.push(chunk);
    const batch = `hostilebatch${String(t).padStart(2, '0')}`;
    lines.push(
      JSON.stringify({
        id: batch,
        project: 'Hostile',
        title: `${batch} model output`,
        payload: {
          kind: 'ranking',
          conversation: [{ role: 'user', content: `Repeat after me ${batch}` }],
          // As they are, the empty string included: an empty model answer is a real case.
          responses: chunk.map((content, i) => ({ id: `${batch}-${i}`, content })),
        },
      }),
    );
  }
  return lines.join('\n');
};

/** Whitespace squashed away, so layout (line breaks, wrapping, markdown paragraphs) does not matter. */
const squash = (text: string): string => text.replace(/\s+/gu, '');
const runsOf = (text: string): string[] =>
  text
    .replace(/\]\([^)]*\)/g, ']')
    .split(/[\s*_`~#>|\\[\]()!$-]+/u)
    .filter((run) => run.length > 0);
const decodeEntities = (text: string): string =>
  text.replace(/&(lt|gt|amp|quot|#39|#x27);/g, (_, name: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", '#x27': "'" })[name] ?? '');
/**
 * The runs of characters a string shows once rendered as markdown, split at markdown's syntax characters
 * (emphasis, code, headings, quotes, tables, math delimiters), which may be consumed, and with a link's
 * destination dropped (its text stays; the link is inert). Two readings: entities as typed (raw HTML is shown
 * as typed) or decoded (CommonMark decodes them in text).
 */
const visibleReadings = (text: string): string[][] => [runsOf(text), runsOf(decodeEntities(text))];
const containsInOrder = (haystack: string, runs: readonly string[]): boolean => {
  let from = 0;
  for (const run of runs) {
    const at = haystack.indexOf(run, from);
    if (at < 0) return false;
    from = at + run.length;
  }
  return true;
};

test('every string of the naughty-strings corpus is shown as text, runs no script and keeps the layout', async ({ page, harness }) => {
  test.setTimeout(180_000);
  const executed: string[] = [];
  const missing: { batch: string; hostile: string }[] = [];
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
    await expect(page.getByRole('listbox', { name: 'Tasks' }).getByRole('option')).toContainText(batch);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${batch} model output`);
    await page.getByRole('button', { name: 'Stacked' }).click();
    await expect(page.getByRole('region', { name: 'Response A' })).toBeVisible();
    // Each string is on screen as text: every word and symbol run it carries is in the visible text of a response.
    const bodies = page.locator('section.response-column .response-body');
    await expect(bodies).toHaveCount(chunks[t]?.length ?? 0);
    await expect(page.locator('.model-markdown[data-complete="false"]')).toHaveCount(0);
    const notShown = async () => {
      const shown = await bodies.evaluateAll((all) => all.map((b) => (b as HTMLElement).innerText));
      return (chunks[t] ?? []).filter((hostile) =>
        // An empty (or blank) answer is shown as an empty response, not replaced by words of ours.
        hostile.trim() === ''
          ? !shown.some((text) => squash(text) === '')
          : runsOf(hostile).length === 0
            ? // Only markdown syntax (a lone backslash shows, a lone "-" is an empty list item): some response
              // shows nothing but its characters.
              !shown.some((text) => [...squash(text)].every((ch) => hostile.includes(ch)))
            : !shown.some((text) => visibleReadings(hostile).some((runs) => containsInOrder(squash(text), runs))),
      );
    };
    // Rendering settles within a few frames; a string still absent after that is not on screen.
    await expect.poll(notShown, { timeout: 5_000 }).toEqual([]).catch(() => undefined);
    missing.push(...(await notShown()).map((hostile) => ({ batch, hostile })));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${batch} widens the page`).toBeLessThanOrEqual(0);
    if (t === 12) await page.screenshot({ path: resolve(screenshotDir, 'hostile-output.png') });
    await page.keyboard.press('Escape');
  }

  expect(missing.map((m) => JSON.stringify(m.hostile))).toEqual([]);
  // The page itself never ran anything the strings carried: no alert, no error, no blocked injected load.
  expect(executed).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  expect(await page.evaluate(() => Boolean((window as unknown as { xss?: unknown }).xss))).toBe(false);
});
