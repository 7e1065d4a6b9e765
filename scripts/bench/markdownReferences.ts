/**
 * What keeping references whole costs: cutting a long response into blocks that each carry the link and footnote
 * definitions they lack (splitMarkdownForRender), beside cutting it alone (splitMarkdownBlocks), in the same run.
 * Runs in Node: the work happens before the first block renders, so it adds to every response's first screen.
 */
import { performance } from 'node:perf_hooks';
import { splitMarkdownBlocks, splitMarkdownForRender } from '../../shared/markdown/splitBlocks';
import type { RowGroup } from './support';
import { median, type BenchRow } from './table';

const paragraph = (i: number) =>
  `Paragraph ${i}: the rate law of pathway ${i % 7} is first order in substrate and base [see the review][ref-${i % 40}]; the ratio follows[^n${i % 25}]. ${'More words about it. '.repeat(8)}`;

/** About 200 KB: 1,000 paragraphs citing 40 links and 25 footnotes, all defined at the very end. */
const withReferences = (): string =>
  [
    ...Array.from({ length: 1000 }, (_, i) => paragraph(i)),
    ...Array.from({ length: 40 }, (_, i) => `[ref-${i}]: https://example.org/review/${i} "Review ${i}"`),
    ...Array.from({ length: 25 }, (_, i) => `[^n${i}]: Footnote ${i}, with a source.`),
  ].join('\n\n');

const plain = (): string => Array.from({ length: 1000 }, (_, i) => paragraph(i).replace(/\[(see the review)\]\[ref-\d+\]/, '$1').replace(/\[\^n\d+\]/, '')).join('\n\n');

const timeOf = (work: () => void, runs: number): number[] =>
  Array.from({ length: runs }, () => {
    const started = performance.now();
    work();
    return performance.now() - started;
  });

export const markdownReferences: RowGroup = {
  id: 'markdown',
  title: 'cutting long responses into blocks that keep their references',
  async run(ctx) {
    const rows: BenchRow[] = [];
    for (const [name, text] of [
      ['markdown: 200 KB with 65 references, cut into blocks', withReferences()],
      ['markdown: 200 KB without references, cut into blocks', plain()],
    ] as const) {
      // Unmeasured warm-up: the JIT, then the same number of runs for each side, interleaved.
      for (let i = 0; i < 3; i++) {
        splitMarkdownForRender(text, 4000, 1200);
        splitMarkdownBlocks(text, 4000, 1200);
      }
      const samples: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < ctx.runs; i++) {
        samples.push(...timeOf(() => splitMarkdownForRender(text, 4000, 1200), 1));
        floor.push(...timeOf(() => splitMarkdownBlocks(text, 4000, 1200), 1));
      }
      rows.push({
        name,
        value: median(samples),
        unit: 'ms',
        samples,
        baseline: { label: 'cut only', value: median(floor) },
        goal: { kind: 'below', max: 50 },
        note: 'before the first block renders',
      });
    }
    return rows;
  },
};
