/**
 * npm run bench [-- --runs N] [--only ranking,sync] [--no-build]
 *
 * Prints one markdown table. Every row is measured beside a raw baseline in the same run; nothing here is a test
 * and nothing fails on a slow number (the exit code only reports a bench that could not run).
 * See docs/benchmarks.md.
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { chromiumOrExit } from '../browser/findChromium';
import { inboxRows } from './inbox';
import { markdownReferences } from './markdownReferences';
import { platformPgRows } from './platformPg';
import { rankingRender } from './rankingRender';
import { reasoningRows } from './reasoning';
import { buildRenderer, root, type BenchContext, type RowGroup } from './support';
import { syncRows } from './sync';
import { trajectoryRows } from './trajectory';
import { formatTable, type BenchRow } from './table';

/**
 * THE EXTENSION POINT: every group of rows, in print order. To add one (e.g. the sync rows of issue 3: pull
 * 10,000 tasks, push 1,000 submissions), export a `RowGroup` from its own file such as scripts/bench/sync.ts
 * and list it here. A group returns `BenchRow`s, each with its baseline measured in the same run.
 */
export const ROW_GROUPS: RowGroup[] = [
  rankingRender,
  syncRows,
  reasoningRows,
  inboxRows,
  markdownReferences,
  trajectoryRows,
  platformPgRows,
];

async function main() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '10' },
      only: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      chromium: { type: 'string' },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number, not "${values.runs}".`);
  const only = values.only?.split(',').map((s) => s.trim());
  const groups = only ? ROW_GROUPS.filter((g) => only.includes(g.id)) : ROW_GROUPS;
  if (groups.length === 0) throw new Error(`No row group matches --only ${values.only}; groups: ${ROW_GROUPS.map((g) => g.id).join(', ')}.`);

  const started = Date.now();
  const ctx: BenchContext = {
    root,
    runs,
    chromiumPath: values.chromium ?? chromiumOrExit(),
    log: (m) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}\n`),
  };
  if (!values['no-build'] && groups.some((g) => g.needsRenderer)) buildRenderer(ctx.log);

  const rows: BenchRow[] = [];
  for (const group of groups) {
    ctx.log(`${group.id}: ${group.title}`);
    rows.push(...(await group.run(ctx)));
  }
  const cpu = cpus();
  process.stdout.write(
    `\nAssay bench, ${new Date().toISOString().slice(0, 10)}: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, ${runs} runs per row (medians)\n\n`,
  );
  process.stdout.write(`${formatTable(rows)}\n`);
}

main().catch((error: unknown) => {
  console.error(`The bench could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
