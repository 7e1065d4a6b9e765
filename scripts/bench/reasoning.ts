/**
 * Reasoning rows (issue 7, "Performance"): a 120-step solution with 600 formulas in the reasoning workspace.
 * - warm open: Enter in the inbox → the first screen of steps shows, every formula on it typeset (goal < 200 ms),
 *   beside the floor: the same steps pre-rendered to static HTML, which Chromium only parses and lays out;
 * - typing in a step editor with its live preview, keydown → next frame, beside a bare textarea put on the same
 *   page (goal: at most 2×);
 * - DOM mutations in the other steps while typing (goal: 0), beside the same count in the edited step.
 */
import type { Browser, Page } from 'playwright-core';
import { floorPage, markdownToHtml } from './staticHtml';
import { launchChromium, sleep, startHarness, type RowGroup } from './support';
import { median } from './table';

const VIEWPORT = { width: 1440, height: 900 };
const STEPS = 120;
const FORMULAS_PER_STEP = 5;
const SEARCH_WORD = 'benchreasoningsteps';
const TYPED = 'so $x_{k+1} = \\frac{x_k}{2} + 1$ holds for every k'.padEnd(50, '.').slice(0, 50);

/** Step n: a sentence with four inline formulas and one display formula. */
const stepText = (n: number): string =>
  [
    `For $k = ${n}$ we use $a_{${n}} = \\frac{${n}}{${n + 1}}$ and the bound $\\sum_{i=1}^{${n}} i^2 = \\frac{${n}(${n}+1)(2\\cdot ${n}+1)}{6}$,`,
    `so that $\\sqrt{${n}^2 + 1} > ${n}$ gives`,
    '',
    '$$',
    `\\int_0^{${n}} x^2\\,dx = \\frac{${n}^3}{3} \\le \\binom{${n + 2}}{2} \\cdot ${n}.`,
    '$$',
  ].join('\n');

export const benchReasoningTask = () => ({
  id: 'bench-reasoning-120',
  project: 'Bench',
  title: `${SEARCH_WORD}: a 120-step solution`,
  payload: {
    kind: 'reasoning',
    mode: 'first_error',
    problem: 'Show that the sequence converges, step by step.',
    modelSteps: Array.from({ length: STEPS }, (_, i) => ({ id: `step-${i + 1}`, content: stepText(i + 1) })),
    modelAnswer: '2',
  },
});

/** Installs the warm-open probe: from the Enter keydown to the frame where the visible steps' formulas are typeset. */
const ARM = `(() => {
  window.__open = new Promise((done) => {
    const onKey = (e) => {
      if (e.key !== 'Enter') return;
      window.removeEventListener('keydown', onKey, true);
      const start = e.timeStamp;
      const tick = () => {
        const list = document.querySelector('.reasoning-steps');
        if (list) {
          const box = list.getBoundingClientRect();
          const visible = [...list.querySelectorAll('[data-step-kind="model"]')].filter((c) => { const r = c.getBoundingClientRect(); return r.bottom > box.top && r.top < box.bottom; });
          const maths = visible.flatMap((c) => [...c.querySelectorAll('.math')]);
          if (visible.length >= 3 && maths.length > 0 && maths.every((m) => m.dataset.typeset === 'true')) {
            requestAnimationFrame(() => done({ firstScreen: performance.now() - start, cards: visible.length }));
            return;
          }
        }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    };
    window.addEventListener('keydown', onKey, true);
  });
})()`;

const TYPING_PROBE = `(() => {
  window.__typing = { latencies: [], others: 0, own: 0 };
  const editing = document.activeElement.closest('[data-step-id]');
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      const card = (r.target.nodeType === 1 ? r.target : r.target.parentElement).closest('[data-step-id]');
      if (card === editing) window.__typing.own++; else window.__typing.others++;
    }
  });
  for (const card of document.querySelectorAll('.reasoning-steps [data-step-id]')) observer.observe(card, { subtree: true, childList: true, attributes: true, characterData: true });
  window.addEventListener('keydown', (e) => { const t = e.timeStamp; requestAnimationFrame(() => window.__typing.latencies.push(performance.now() - t)); }, true);
})()`;

async function openFromInbox(page: Page): Promise<number> {
  await page.getByRole('searchbox').fill(SEARCH_WORD);
  await page.getByRole('listbox', { name: 'Tasks' }).getByRole('option').first().waitFor();
  await page.getByRole('searchbox').focus();
  await page.evaluate(ARM);
  await page.keyboard.press('Enter');
  const r = (await page.evaluate('window.__open')) as { firstScreen: number };
  return r.firstScreen;
}

async function backToInbox(page: Page) {
  await page.locator('.reasoning-steps [data-step-kind="model"]').first().focus();
  await page.keyboard.press('Escape');
  await page.getByRole('searchbox').waitFor();
  await page.locator('.reasoning-steps').waitFor({ state: 'detached' });
}

async function floorOpen(browser: Browser, html: string): Promise<number> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    const started = Date.now();
    await page.setContent(html, { waitUntil: 'load' });
    await page.waitForFunction('window.__floorDone !== undefined', undefined, { polling: 20 });
    const inPage = (await page.evaluate('window.__floorDone - performance.timeOrigin + performance.timeOrigin - performance.timing.navigationStart')) as number;
    return Number.isFinite(inPage) && inPage > 0 ? inPage : Date.now() - started;
  } finally {
    await context.close();
  }
}

async function typeAndMeasure(page: Page, selector: string): Promise<{ latency: number; others: number; own: number }> {
  await page.locator(selector).focus();
  await page.evaluate(TYPING_PROBE);
  for (const ch of TYPED) {
    await page.keyboard.type(ch);
    await sleep(30);
  }
  await sleep(800); // the preview debounce, the autosave, any late re-render
  const t = (await page.evaluate('window.__typing')) as { latencies: number[]; others: number; own: number };
  return { latency: median(t.latencies), others: t.others, own: t.own };
}

export const reasoningRows: RowGroup = {
  id: 'reasoning',
  title: 'Reasoning workspace: a 120-step solution with 600 formulas',
  needsRenderer: true,
  async run(ctx) {
    const task = benchReasoningTask();
    const rendered = task.payload.modelSteps.map((s) => markdownToHtml(s.content));
    const formulas = rendered.reduce((n, r) => n + r.katex, 0);
    if (formulas !== STEPS * FORMULAS_PER_STEP) throw new Error(`The bench task has ${formulas} formulas, expected ${STEPS * FORMULAS_PER_STEP}.`);
    const floorHtml = floorPage([rendered.map((r, i) => `<section class="step"><b>${i + 1}</b>${r.html}</section>`).join('\n')], 'https://invalid.invalid/none.css');
    const harness = await startHarness();
    const browser = await launchChromium(ctx);
    try {
      const context = await browser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      await page.goto(harness.url);
      await page.locator('[data-testid="import-file-input"]').setInputFiles({ name: 'bench-reasoning.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${JSON.stringify(task)}\n`) });
      await page.getByRole('searchbox').fill(SEARCH_WORD);
      await page.getByRole('listbox', { name: 'Tasks' }).getByRole('option').first().waitFor({ timeout: 30_000 });
      ctx.log(`reasoning task imported: ${STEPS} steps, ${formulas} formulas`);

      await openFromInbox(page); // unmeasured: compiles the workspace's code paths
      await backToInbox(page);
      const floorSamples: number[] = [];
      const warmSamples: number[] = [];
      for (let i = 0; i < ctx.runs; i++) {
        floorSamples.push(await floorOpen(browser, floorHtml));
        warmSamples.push(await openFromInbox(page));
        ctx.log(`warm ${i + 1}/${ctx.runs}: first screen ${warmSamples.at(-1)!.toFixed(0)} ms (floor ${floorSamples.at(-1)!.toFixed(0)} ms)`);
        await backToInbox(page);
      }

      // Typing: rate step 1 as the first error, rewrite from it, type into the step editor; then a bare textarea
      // put on the same page, with the same 120 steps rendered beside it.
      await openFromInbox(page);
      await page.keyboard.press('3');
      await page.keyboard.press('r');
      await page.locator('.reasoning-steps [data-step-kind="authored"] textarea').waitFor();
      await page.keyboard.press('Control+End');
      await page.locator('.reasoning-steps [data-step-kind="model"]').nth(STEPS - 1).waitFor({ state: 'attached' });
      await sleep(500);
      const editor = await typeAndMeasure(page, '.reasoning-steps [data-step-kind="authored"] textarea');
      await page.evaluate(`(() => { const t = document.createElement('textarea'); t.id = 'bench-bare'; t.setAttribute('aria-label', 'bare'); t.style.cssText = 'position:fixed;left:8px;bottom:8px;width:300px;height:60px;z-index:99'; document.body.append(t); })()`);
      const bare = await typeAndMeasure(page, '#bench-bare');
      ctx.log(`typing: editor ${editor.latency.toFixed(1)} ms, bare ${bare.latency.toFixed(1)} ms, mutations in other steps ${editor.others}, in the edited step ${editor.own}`);
      await context.close();

      return [
        {
          name: 'reasoning: warm open, first screen of steps',
          value: median(warmSamples),
          unit: 'ms' as const,
          samples: warmSamples,
          baseline: { label: 'floor', value: median(floorSamples) },
          goal: { kind: 'below' as const, max: 200 },
          note: `Enter in the inbox → the visible steps shown with every formula on them typeset (${STEPS} steps, ${formulas} formulas); floor = the steps as static HTML, load → next frame`,
        },
        {
          name: 'reasoning: typing in a step editor, keydown → next frame',
          value: editor.latency,
          unit: 'ms' as const,
          baseline: { label: 'bare textarea', value: bare.latency },
          goal: { kind: 'ratio' as const, max: 2 },
          note: 'median over 50 keys with the live preview on; baseline = a bare textarea on the same page',
        },
        {
          name: 'reasoning: typing, DOM mutations in the other steps',
          value: editor.others,
          unit: 'count' as const,
          baseline: { label: 'edited step', value: editor.own },
          goal: { kind: 'equal' as const, value: 0 },
          note: 'MutationObserver on every step card while typing 50 characters; only the edited step may change',
        },
      ];
    } finally {
      await browser.close().catch(() => undefined);
      await harness.stop();
    }
  },
};
