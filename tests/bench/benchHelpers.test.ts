/**
 * Smoke test of the bench's pure helpers (scripts/bench): the heavy-content generator, the floor's static HTML and
 * the table formatter. Nothing here is timed: the bench itself is `npm run bench`, never a test.
 */
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { taskSchema } from '../../shared/domain/task';
import { generateHeavyTask, HEAVY_TASK_SEARCH_WORD } from '../../scripts/bench/heavyContent';
import { hastToHtml, KATEX_OPTIONS, markdownToHtml } from '../../scripts/bench/staticHtml';
import { formatRow, formatTable, median, meetsGoal, type BenchRow } from '../../scripts/bench/table';

describe('heavy ranking task', () => {
  const heavy = generateHeavyTask();

  it('is deterministic and a valid canonical task', () => {
    expect(generateHeavyTask().jsonl).toBe(heavy.jsonl);
    expect(generateHeavyTask({ seed: 7 }).jsonl).not.toBe(heavy.jsonl);
    expect(heavy.jsonl).not.toContain('\n');
    const task = taskSchema.parse(JSON.parse(heavy.jsonl));
    expect(task.payload.kind).toBe('ranking');
    expect(task.title).toContain(HEAVY_TASK_SEARCH_WORD);
  });

  it('has 4 responses of about 30 KB with ~100 formulas, 10 code blocks and a table each', () => {
    const responses = heavy.task.payload.responses;
    expect(responses).toHaveLength(4);
    expect(new Set(responses.map((r) => r.content)).size).toBe(4);
    for (const [i, r] of responses.entries()) {
      const stats = heavy.stats[i]!;
      expect(r.content.length).toBeGreaterThanOrEqual(30_000);
      expect(r.content.length).toBeLessThan(32_000);
      expect(stats.inlineMath + stats.displayMath).toBeGreaterThanOrEqual(95);
      expect(stats.inlineMath + stats.displayMath).toBeLessThanOrEqual(110);
      expect(stats.codeBlocks).toBe(10);
      expect(stats.tables).toBe(1);
      expect(r.content).toMatch(/```python\n/);
      expect(r.content).toMatch(/```ts\n/);
      expect(r.content).not.toMatch(/lorem ipsum/i);
    }
  });

  it('renders to static HTML with exactly the counted formulas and code blocks, and no KaTeX error', () => {
    const r = heavy.task.payload.responses[0]!;
    const stats = heavy.stats[0]!;
    const html = markdownToHtml(r.content);
    expect(html.katexErrors).toBe(0);
    expect(html.katex).toBe(stats.inlineMath + stats.displayMath);
    expect(html.codeBlocks).toBe(10);
    expect(html.html).toContain('<table>');
    expect(html.html).toContain('class="katex-display"');
    expect(html.html).toContain('class="hljs language-python"');
  });

  it('uses only formulas KaTeX parses strictly', () => {
    const formulas = heavy.task.payload.responses.flatMap((r) => [...r.content.matchAll(/\$\$\n([\s\S]+?)\n\$\$|\$([^$\n]+)\$/g)].map((m) => m[1] ?? m[2]!));
    expect(formulas.length).toBeGreaterThan(380);
    for (const f of formulas) expect(() => katex.renderToString(f, { ...KATEX_OPTIONS, throwOnError: true })).not.toThrow();
  });
});

describe('hast serializer', () => {
  it('escapes text and attributes, maps property names and keeps void elements open', () => {
    const html = hastToHtml({
      type: 'element',
      tagName: 'p',
      properties: { className: ['a', 'b'], ariaHidden: 'true', title: 'x "y" & z', hidden: true, style: undefined },
      children: [{ type: 'text', value: '<b> & co' }, { type: 'element', tagName: 'br', properties: {}, children: [] }],
    });
    expect(html).toBe('<p class="a b" aria-hidden="true" title="x &quot;y&quot; &amp; z" hidden>&lt;b&gt; &amp; co<br></p>');
  });
});

describe('bench table', () => {
  const row: BenchRow = { name: 'ranking: cold, all rendered', value: 1234, unit: 'ms', samples: [1200, 1234, 1300], baseline: { label: 'floor', value: 1600 }, goal: { kind: 'ratio', max: 1 } };

  it('prints the measured value beside the same-run baseline, the ratio and the goal', () => {
    expect(formatRow(row)).toBe('| ranking: cold, all rendered | 1,234 ms | floor 1,600 ms | 0.77x | goal <= 1.0x | yes | n=3, 1,200 ms – 1,300 ms |  |');
  });

  it('judges every kind of goal', () => {
    expect(meetsGoal({ ...row, value: 1700 })).toBe(false);
    expect(meetsGoal({ ...row, goal: { kind: 'below', max: 200 } })).toBe(false);
    expect(meetsGoal({ ...row, value: 150, goal: { kind: 'below', max: 200 } })).toBe(true);
    expect(meetsGoal({ name: 'typing', value: 0, unit: 'count', goal: { kind: 'equal', value: 0 } })).toBe(true);
    expect(meetsGoal({ name: 'x', value: 3, unit: 'MB' })).toBeNull();
  });

  it('makes one markdown table with a header and escapes pipes in cells', () => {
    const table = formatTable([row, { name: 'a | b', value: 2.5, unit: 'MB', note: 'n' }]).split('\n');
    expect(table).toHaveLength(4);
    expect(table[0]).toMatch(/^\| Row \| Measured/);
    expect(table[3]).toContain('a \\| b');
    expect(table[3]).toContain('2.5 MB');
  });

  it('takes medians', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });
});
