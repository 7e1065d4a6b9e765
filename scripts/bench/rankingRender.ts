/**
 * Ranking rows (issue 4, "Performance"): one heavy task (4 × ~30 KB of markdown with ~100 formulas, 10 code
 * blocks and a table each) rendered by the app in Chromium, beside the floor measured in the same run: the same
 * content pre-rendered to static HTML in Node, which Chromium only parses and lays out.
 *
 * Floor and app cold runs are interleaved (floor, app, floor, app…) so drift on a shared machine hits both.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generateHeavyTask, HEAVY_TASK_SEARCH_WORD } from './heavyContent';
import { repeatOpenRows } from './repeatOpen';
import { floorPage, markdownToHtml } from './staticHtml';
import { launchChromium, root, sleep, startHarness, type BenchContext, type RowGroup } from './support';
import { median } from './table';

const VIEWPORT = { width: 1600, height: 1000 };
const TYPED = 'B derives the tuned momentum correctly; A swaps them.'.padEnd(50, '.').slice(0, 50);
const probeSource = readFileSync(resolve(__dirname, 'pageProbe.js'), 'utf8');

interface Expected {
  katex: number;
  code: number;
  columns: number;
}

interface ProbeResult {
  startAt: number;
  openedAt: number | null;
  firstScreenAt: number;
  doneAt: number;
  longestTask: number;
  longTasks: number;
  pressedEnter: boolean;
}

interface PageSample {
  /** ms from the start (navigation start, or the Enter keydown) to the moment. */
  firstScreen: number;
  done: number;
  heapMB: number;
  nodes: number;
  longestTask: number;
}

const probeScript = (expected: Expected, autoOpen: boolean) => `${probeSource}\nwindow.__installBenchProbe(${JSON.stringify({ ...expected, autoOpen })});`;

/** Forces two full garbage collections, then reads the page's used JS heap. */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usage.usedSize / (1024 * 1024);
}

/**
 * Waits for a condition with a plain CDP evaluation in the page's own world. Playwright's locators and
 * waitForFunction load its injected script (~0.85 MB of JS heap) into the page, which a heap figure must not count.
 */
const untilInPage = (page: Page, condition: string) =>
  page.evaluate(`new Promise((done) => { const check = () => (${condition}) ? done(true) : setTimeout(check, 50); check(); })`);

/** Every node of the document (elements, text, comments), as "DOM nodes" in issue 4 counts them. */
const domNodes = (page: Page) =>
  page.evaluate('(() => { const w = document.createTreeWalker(document, NodeFilter.SHOW_ALL); let n = 1; while (w.nextNode()) n++; return n; })()') as Promise<number>;

/** Serves the floor page and KaTeX's CSS and fonts on loopback, like the harness serves the app. */
function serveFloor(html: string): Promise<{ url: string; server: Server }> {
  const katexDir = resolve(root, 'node_modules/katex/dist');
  const types: Record<string, string> = { '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf' };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(html);
    }
    if (path.startsWith('/katex/')) {
      const file = normalize(join(katexDir, path.slice('/katex/'.length)));
      if (file.startsWith(katexDir)) {
        try {
          const body = readFileSync(file);
          res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
          return res.end(body);
        } catch {
          // fall through to 404
        }
      }
    }
    res.writeHead(404).end();
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, server })));
}

async function floorRun(browser: Browser, url: string, expected: Expected, check: boolean): Promise<PageSample> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await untilInPage(page, 'window.__floorDone !== undefined');
    const done = (await page.evaluate('window.__floorDone')) as number;
    if (check) {
      const counts = (await page.evaluate(
        `(() => { let k = 0, c = 0; for (const s of document.querySelectorAll('section[aria-label^="Response "]')) { k += s.getElementsByClassName('katex').length; c += s.querySelectorAll('pre code').length; } return [k, c]; })()`,
      )) as [number, number];
      if (counts[0] !== expected.katex || counts[1] !== expected.code)
        throw new Error(`The floor page holds ${counts[0]} formulas and ${counts[1]} code blocks, expected ${expected.katex} and ${expected.code}.`);
    }
    return { firstScreen: done, done, heapMB: await heapAfterGc(page), nodes: await domNodes(page), longestTask: 0 };
  } finally {
    await context.close();
  }
}

/** The task the app will reopen at its next start, as the store holds it (the harness bridge, with the page's token). */
const reopenTaskId = (page: Page) =>
  page.evaluate(async () => {
    const token = document.querySelector<HTMLMetaElement>('meta[name="assay-bridge-token"]')?.content ?? '';
    const response = await fetch('/bridge/getSettings', { method: 'POST', headers: { 'content-type': 'application/json', 'x-assay-token': token }, body: '{}' });
    const result = (await response.json()) as { ok: boolean; value?: { reopenTaskId: string | null } };
    return result.value?.reopenTaskId ?? null;
  });

async function waitForReopenTaskId(page: Page, open: boolean) {
  for (let i = 0; i < 100 && ((await reopenTaskId(page)) !== null) !== open; i++) await sleep(50);
  if (((await reopenTaskId(page)) !== null) !== open) throw new Error(`The app did not record ${open ? 'the open task' : 'the inbox'} for its next start.`);
}

/**
 * One cold start in a fresh browser context. `from: 'inbox'`: the app was last closed on the inbox, so the probe
 * presses Enter on the task as soon as it is listed; the page is then closed with the task open. `from: 'reopen'`:
 * the task was open at quit, so the app opens it by itself; the run goes back to the inbox before closing, so the
 * next 'inbox' run starts there.
 */
async function appColdRun(browser: Browser, url: string, expected: Expected, from: 'inbox' | 'reopen'): Promise<PageSample> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: probeScript(expected, true) });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const r = (await page.evaluate('window.__bench.done')) as ProbeResult;
    if (from === 'reopen' && r.pressedEnter) throw new Error('The app showed the inbox instead of reopening the task open at quit.');
    if (from === 'inbox' && !r.pressedEnter) throw new Error('The app reopened a task although it was closed on the inbox.');
    await sleep(200); // let effects and the draft's first save settle before measuring memory
    const sample = { firstScreen: r.firstScreenAt, done: r.doneAt, heapMB: await heapAfterGc(page), nodes: await domNodes(page), longestTask: r.longestTask };
    if (from === 'reopen') {
      await page.keyboard.press('Escape');
      await page.getByRole('searchbox').waitFor();
      await waitForReopenTaskId(page, false);
    } else await waitForReopenTaskId(page, true);
    return sample;
  } finally {
    await context.close();
  }
}

async function backToInbox(page: Page) {
  await page.keyboard.press('Escape');
  await page.getByRole('searchbox').waitFor();
  await page.getByRole('searchbox').fill(HEAVY_TASK_SEARCH_WORD);
  await page.getByRole('listbox', { name: 'Tasks' }).getByRole('option').first().waitFor();
  await page.waitForFunction('document.querySelectorAll(\'section[aria-label^="Response "]\').length === 0', undefined, { polling: 100 });
}

/** From the Enter keydown in the inbox search box to the first screen and to everything rendered. */
async function appWarmRun(page: Page): Promise<PageSample> {
  await heapAfterGc(page);
  await sleep(300);
  await page.getByRole('searchbox').focus();
  await page.evaluate('window.__bench.arm()');
  await page.keyboard.press('Enter');
  const r = (await page.evaluate('window.__bench.done')) as ProbeResult;
  if (process.env.BENCH_TRACE) console.error('warm trace [ms, sections, formulas, code]:', JSON.stringify((r as unknown as { trace: unknown }).trace));
  const sample = { firstScreen: r.firstScreenAt - r.startAt, done: r.doneAt - r.startAt, heapMB: Number.NaN, nodes: Number.NaN, longestTask: r.longestTask };
  await sleep(200);
  await backToInbox(page);
  return sample;
}

async function typingRun(page: Page, textarea: string): Promise<{ mutations: number; keyLatency: number }> {
  await page.evaluate('window.__bench ? window.__bench.observeMutations() : null');
  await page.locator(textarea).focus();
  await page.keyboard.type(TYPED);
  await sleep(1_000); // the autosave debounce and any late re-render
  const result = (await page.evaluate('({ mutations: window.__bench.mutations, latencies: window.__bench.keyLatencies })')) as { mutations: number; latencies: number[] };
  return { mutations: result.mutations, keyLatency: median(result.latencies) };
}

async function importHeavyTask(context: BrowserContext, url: string, jsonl: string, log: BenchContext['log']) {
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('[data-testid="import-file-input"]').setInputFiles({ name: 'bench-heavy.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(jsonl + '\n') });
  await page.getByRole('searchbox').fill(HEAVY_TASK_SEARCH_WORD);
  await page.getByRole('listbox', { name: 'Tasks' }).getByRole('option').first().waitFor({ timeout: 30_000 });
  log('heavy task imported');
  await page.close();
}

export const rankingRender: RowGroup = {
  id: 'ranking',
  title: 'Ranking workspace: one heavy task',
  needsRenderer: true,
  async run(ctx) {
    const heavy = generateHeavyTask();
    const rendered = heavy.task.payload.responses.map((r) => markdownToHtml(r.content));
    const bad = rendered.reduce((n, r) => n + r.katexErrors, 0);
    if (bad > 0) throw new Error(`${bad} formulas of the heavy task do not parse in KaTeX: fix scripts/bench/heavyContent.ts.`);
    const expected: Expected = {
      katex: rendered.reduce((n, r) => n + r.katex, 0),
      code: rendered.reduce((n, r) => n + r.codeBlocks, 0),
      columns: rendered.length,
    };
    const kb = heavy.task.payload.responses.map((r) => Math.round(r.content.length / 1024)).join(' + ');
    ctx.log(`heavy task: ${kb} KB of markdown, ${expected.katex} formulas, ${expected.code} code blocks, ${rendered.length} tables`);

    const floor = await serveFloor(floorPage(rendered.map((r) => r.html), '/katex/katex.min.css'));
    const harness = await startHarness();
    const browser = await launchChromium(ctx);
    try {
      const setup = await browser.newContext({ viewport: VIEWPORT });
      await importHeavyTask(setup, harness.url, heavy.jsonl, ctx.log);
      await setup.close();

      const floorSamples: PageSample[] = [];
      const coldSamples: PageSample[] = [];
      const inboxColdSamples: PageSample[] = [];
      // One unmeasured round of each first: the OS file cache, the harness's first decrypt, Chromium's own warm-up.
      await floorRun(browser, floor.url, expected, true);
      await appColdRun(browser, harness.url, expected, 'inbox');
      await appColdRun(browser, harness.url, expected, 'reopen');
      for (let i = 0; i < ctx.runs; i++) {
        floorSamples.push(await floorRun(browser, floor.url, expected, false));
        inboxColdSamples.push(await appColdRun(browser, harness.url, expected, 'inbox'));
        coldSamples.push(await appColdRun(browser, harness.url, expected, 'reopen'));
        ctx.log(
          `cold ${i + 1}/${ctx.runs}: floor ${floorSamples.at(-1)!.done.toFixed(0)} ms, app reopening ${coldSamples.at(-1)!.done.toFixed(0)} ms, app via the inbox ${inboxColdSamples.at(-1)!.done.toFixed(0)} ms`,
        );
      }

      // Warm: one page, the app already open on the inbox; open the task, go back, again.
      const warmContext = await browser.newContext({ viewport: VIEWPORT });
      const page = await warmContext.newPage();
      await page.addInitScript({ content: probeScript(expected, false) });
      await page.goto(harness.url);
      await page.getByRole('searchbox').fill(HEAVY_TASK_SEARCH_WORD);
      await page.getByRole('listbox', { name: 'Tasks' }).getByRole('option').first().waitFor();
      await sleep(500);
      const inboxHeapWithPlaywright = await heapAfterGc(page);
      // The app on the inbox as a person meets it: a fresh page, no Playwright locator ever used in it.
      const inboxContext = await browser.newContext({ viewport: VIEWPORT });
      const inboxPage = await inboxContext.newPage();
      await inboxPage.goto(harness.url);
      await untilInPage(inboxPage, `document.querySelector('[role="listbox"] [role="option"]') !== null`);
      await sleep(500);
      const inboxHeap = await heapAfterGc(inboxPage);
      await inboxContext.close();
      await appWarmRun(page); // unmeasured: the first open in a page also compiles the markdown code paths
      const warmSamples: PageSample[] = [];
      for (let i = 0; i < ctx.runs; i++) {
        warmSamples.push(await appWarmRun(page));
        ctx.log(`warm ${i + 1}/${ctx.runs}: first screen ${warmSamples.at(-1)!.firstScreen.toFixed(0)} ms, all ${warmSamples.at(-1)!.done.toFixed(0)} ms`);
      }

      // Typing: the task open and fully rendered, 50 characters into the justification.
      await page.getByRole('searchbox').focus();
      await page.evaluate('window.__bench.arm()');
      await page.keyboard.press('Enter');
      await page.evaluate('window.__bench.done');
      const appTyping = await typingRun(page, '#justification');
      await warmContext.close();

      // Twenty opens of the task in one page: what each leaves behind once back on the inbox (issue 11's leak).
      const repeatContext = await browser.newContext({ viewport: VIEWPORT });
      const repeatPage = await repeatContext.newPage();
      await repeatPage.goto(harness.url);
      // The typing run closed its page on the task, so this start reopens it: back to the inbox first.
      await repeatPage.locator('.task-page').waitFor();
      await repeatPage.keyboard.press('Escape');
      await repeatPage.getByRole('searchbox').fill(HEAVY_TASK_SEARCH_WORD);
      await repeatPage.getByRole('listbox', { name: 'Tasks' }).getByRole('option').first().waitFor();
      const repeatRows = await repeatOpenRows(repeatPage, {
        opens: 20,
        log: ctx.log,
        open: async (p) => {
          await p.getByRole('searchbox').focus();
          await p.keyboard.press('Enter');
          await untilInPage(
            p,
            `document.querySelectorAll('section[aria-label^="Response "] .model-markdown[data-complete="true"]').length === ${expected.columns} && document.querySelectorAll('.math:not([data-typeset]), pre code[data-highlighting]').length === 0`,
          );
        },
        back: backToInbox,
      });
      await repeatContext.close();

      const floorTypingContext = await browser.newContext({ viewport: VIEWPORT });
      const floorTypingPage = await floorTypingContext.newPage();
      await floorTypingPage.addInitScript({ content: probeScript(expected, false) });
      await floorTypingPage.goto(floor.url, { waitUntil: 'load' });
      const floorTyping = await typingRun(floorTypingPage, '#justification');
      await floorTypingContext.close();

      const pick = (samples: PageSample[], key: keyof PageSample) => samples.map((s) => s[key]);
      const floorDone = median(pick(floorSamples, 'done'));
      const floorBaseline = { label: 'floor', value: floorDone };
      /** A timing row against the floor: the median of one sample field. */
      const timing = (name: string, samples: PageSample[], key: keyof PageSample) => ({
        name,
        value: median(pick(samples, key)),
        unit: 'ms' as const,
        samples: pick(samples, key),
        baseline: floorBaseline,
      });
      const longest = Math.max(...pick(warmSamples, 'longestTask'), ...pick(coldSamples, 'longestTask'));
      return [
        {
          ...timing('ranking: cold, first screen', coldSamples, 'firstScreen'),
          note: 'navigation start → all 4 columns show content; the task was open at quit, so the app reopens it (boot + open)',
        },
        {
          ...timing('ranking: cold, all rendered', coldSamples, 'done'),
          goal: { kind: 'ratio', max: 1 },
          note: 'navigation start → every formula and code block in the DOM, layout, next frame (task reopened at start)',
        },
        {
          ...timing('ranking: cold via the inbox, first screen', inboxColdSamples, 'firstScreen'),
          note: 'closed on the inbox: boot + inbox + Enter at once + open',
        },
        {
          ...timing('ranking: cold via the inbox, all rendered', inboxColdSamples, 'done'),
          note: 'closed on the inbox: navigation start → everything rendered',
        },
        {
          ...timing('ranking: warm, first screen', warmSamples, 'firstScreen'),
          goal: { kind: 'below', max: 200 },
          note: `Enter in the inbox → all 4 columns show content; longest task ${Math.round(longest)} ms`,
        },
        {
          ...timing('ranking: warm, all rendered', warmSamples, 'done'),
          goal: { kind: 'ratio', max: 1 },
          note: 'Enter in the inbox → every formula and code block rendered',
        },
        {
          name: 'ranking: JS heap after render (after GC)',
          value: median(pick(coldSamples, 'heapMB')),
          unit: 'MB',
          samples: pick(coldSamples, 'heapMB'),
          baseline: { label: 'floor', value: median(pick(floorSamples, 'heapMB')) },
          goal: { kind: 'ratio', max: 2 },
          note: 'CDP Runtime.getHeapUsage usedSize, cold page',
        },
        {
          name: 'ranking: JS heap, app on the inbox (no task open)',
          value: inboxHeap,
          unit: 'MB',
          baseline: { label: 'floor', value: median(pick(floorSamples, 'heapMB')) },
          goal: { kind: 'below', max: 3 },
          note: `the app's fixed cost (bundle, stores) before any task is open; a fresh page that no Playwright locator touched (with Playwright's injected script: ${inboxHeapWithPlaywright.toFixed(1)} MB)`,
        },
        {
          name: 'ranking: DOM nodes after render',
          value: median(pick(coldSamples, 'nodes')),
          unit: 'nodes',
          baseline: { label: 'floor', value: median(pick(floorSamples, 'nodes')) },
          note: 'all nodes (elements + text), whole page',
        },
        ...repeatRows,
        {
          name: 'ranking: typing 50 chars, response DOM mutations',
          value: appTyping.mutations,
          unit: 'count',
          baseline: { label: 'floor', value: floorTyping.mutations },
          goal: { kind: 'equal', value: 0 },
          note: 'MutationObserver on the 4 response sections while typing in the justification',
        },
        {
          name: 'ranking: typing, keydown → next frame',
          value: appTyping.keyLatency,
          unit: 'ms',
          baseline: { label: 'floor', value: floorTyping.keyLatency },
          note: 'median over 50 keys; floor = a bare textarea beside the static columns',
        },
      ];
    } finally {
      await browser.close().catch(() => undefined);
      await harness.stop();
      floor.server.close();
    }
  },
};
