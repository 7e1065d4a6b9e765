/**
 * Repeated opens of one task in one page (issue 11: "ten opens of the same task left ~170 more DOM nodes and
 * 0.07 MB more heap each time"). The task is opened and fully rendered, the page goes back to the inbox, two
 * forced GCs, then what is still alive is counted. Growth per open is the slope from the second open to the last:
 * the first open also loads the task screen's code and fills the formula cache, which stay by design.
 *
 * Heap is reported twice: V8's used size (includes the code the JIT compiles as the same functions get hot,
 * which keeps growing for a while and is not the app's data) and the JS objects of a heap snapshot without the
 * compiled code, which is what a leak of the app's own objects would grow.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { BenchRow } from './table';
import { sleep } from './support';

interface Counts {
  nodes: number;
  listeners: number;
  usedMB: number;
}

async function gcAndCount(cdp: CDPSession): Promise<Counts> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  return { nodes: dom.nodes, listeners: dom.jsEventListeners, usedMB: heap.usedSize / (1024 * 1024) };
}

/** Self sizes of a heap snapshot's JS values (objects, arrays, closures, strings, shapes), compiled code and Blink's native objects left out. */
async function jsObjectsMB(cdp: CDPSession): Promise<number> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snapshot = JSON.parse(chunks.join('')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[] };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  const counted = new Set(['object', 'closure', 'array', 'string', 'concatenated string', 'sliced string', 'number', 'regexp', 'object shape', 'hidden', 'symbol', 'bigint']);
  let bytes = 0;
  for (let i = 0; i < snapshot.nodes.length; i += width) if (counted.has(types[snapshot.nodes[i + typeAt]!]!)) bytes += snapshot.nodes[i + sizeAt]!;
  return bytes / (1024 * 1024);
}

export interface RepeatOpenOptions {
  opens: number;
  /** Opens the task from the inbox and resolves once it is fully rendered. */
  open(page: Page): Promise<void>;
  /** Goes back to the inbox and resolves once it lists the task again. */
  back(page: Page): Promise<void>;
  log(message: string): void;
}

export async function repeatOpenRows(page: Page, { opens, open, back, log }: RepeatOpenOptions): Promise<BenchRow[]> {
  const cdp = await page.context().newCDPSession(page);
  const onInbox = await gcAndCount(cdp);
  const after: Counts[] = [];
  let objectsSecond = Number.NaN;
  let objectsLast = Number.NaN;
  for (let i = 1; i <= opens; i++) {
    await open(page);
    await sleep(200);
    await back(page);
    await sleep(200);
    after.push(await gcAndCount(cdp));
    if (i === 2) objectsSecond = await jsObjectsMB(cdp);
    if (i === opens) objectsLast = await jsObjectsMB(cdp);
    if (i % 5 === 0) log(`open ${i}/${opens}: ${after.at(-1)!.nodes} DOM nodes, ${after.at(-1)!.usedMB.toFixed(2)} MB used heap after GC`);
  }
  await cdp.detach();
  const second = after[1]!;
  const last = after.at(-1)!;
  const span = opens - 2;
  const perOpen = (a: number, b: number) => (b - a) / span;
  const firstOpenKB = (after[0]!.usedMB - onInbox.usedMB) * 1024;
  return [
    {
      name: `ranking: ${opens} opens of one task, DOM nodes left per open`,
      value: perOpen(second.nodes, last.nodes),
      unit: 'nodes',
      samples: after.map((c) => c.nodes),
      baseline: { label: 'on the inbox', value: onInbox.nodes },
      goal: { kind: 'below', max: 1 },
      note: `every live node after GC (CDP Memory.getDOMCounters), back on the inbox after each open; event listeners ${second.listeners} → ${last.listeners}`,
    },
    {
      name: `ranking: ${opens} opens, JS objects left per open (heap snapshot)`,
      value: perOpen(objectsSecond, objectsLast) * 1024,
      unit: 'KB',
      baseline: { label: 'after the 2nd open', value: objectsSecond * 1024 },
      goal: { kind: 'below', max: 10 },
      note: `objects, arrays, closures, strings and shapes of a snapshot after GC, compiled code left out: ${objectsSecond.toFixed(2)} MB after the 2nd open, ${objectsLast.toFixed(2)} MB after the ${opens}th`,
    },
    {
      name: `ranking: ${opens} opens, V8 used heap left per open (after GC)`,
      value: perOpen(second.usedMB, last.usedMB) * 1024,
      unit: 'KB',
      samples: after.map((c) => c.usedMB * 1024),
      baseline: { label: 'on the inbox', value: onInbox.usedMB * 1024 },
      note: `includes the code V8 compiles as the same functions get hot (see the row above for the app's objects); the first open adds ${firstOpenKB.toFixed(0)} KB (the task screen's code, the formula cache)`,
    },
  ];
}
