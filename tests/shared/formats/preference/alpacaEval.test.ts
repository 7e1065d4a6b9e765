import { describe, expect, it } from 'vitest';
import type { Task } from '@shared/domain';
import { detectAlpacaEval, importAlpacaEval, parseAlpacaEval, type PreferenceImportItem } from '@shared/formats/preference';
import { ALPACA_EVAL, readFixture } from './fixtures';

const sample = readFixture(ALPACA_EVAL);
const sourceItems = JSON.parse(sample) as Record<string, unknown>[];

const imported = (text: string): PreferenceImportItem[] => {
  const result = parseAlpacaEval(text, { project: 'eval' });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

const rankingOf = (task: Task) => {
  if (task.payload.kind !== 'ranking') throw new Error('expected a ranking task');
  return task.payload;
};

const withItem = (index: number, edit: (item: Record<string, unknown>) => Record<string, unknown>): string =>
  JSON.stringify(sourceItems.map((item, i) => (i === index ? edit({ ...item }) : item)), null, 1);

describe('AlpacaEval pairwise import', () => {
  it('imports the 20 sample items as 2-response tasks with the instruction as the user turn', () => {
    const items = imported(sample);
    expect(items).toHaveLength(20);
    items.forEach(({ task }, index) => {
      const payload = rankingOf(task);
      expect(task.project).toBe('eval');
      expect(payload.conversation).toEqual([{ role: 'user', content: sourceItems[index]?.instruction }]);
      expect(payload.responses.map((r) => r.content).sort()).toEqual([sourceItems[index]?.output_1, sourceItems[index]?.output_2].sort());
    });
  });

  it('keeps the generators as the (blinded) model and the judge preference as the reference', () => {
    const items = imported(sample);
    const seventh = items[6];
    const payload = rankingOf(seventh?.task ?? ({} as Task));
    const output1 = payload.responses.find((r) => r.content === sourceItems[6]?.output_1);
    expect(sourceItems[6]?.preference).toBe(1);
    expect(output1?.model).toBe(sourceItems[6]?.generator_1);
    expect(seventh?.reference).toEqual({
      taskId: seventh?.task.id,
      source: 'alpaca-eval',
      ranks: Object.fromEntries(payload.responses.map((r) => [r.id, r.id === output1?.id ? 1 : 2])),
      annotator: 'alpaca_eval_gpt4',
    });
    const output2Wins = items.filter(({ task, reference }) => {
      const winner = rankingOf(task).responses.find((r) => reference?.ranks[r.id] === 1);
      return winner?.model === 'gpt4';
    });
    expect(output2Wins).toHaveLength(19);
  });

  it('reads ties, fractional preferences and an optional input', () => {
    const base = { instruction: 'Add', input: '2 + 2', output_1: '4', output_2: 'four' };
    const [tie, leaning, none] = imported(JSON.stringify([{ ...base, preference: 0 }, { ...base, output_2: 'IV', preference: 1.8 }, { ...base, output_2: '5' }]));
    expect(rankingOf(tie?.task ?? ({} as Task)).conversation[0]?.content).toBe('Add\n\n2 + 2');
    expect(Object.values(tie?.reference?.ranks ?? {})).toEqual([1, 1]);
    const second = rankingOf(leaning?.task ?? ({} as Task)).responses.find((r) => r.content === 'IV');
    expect(leaning?.reference?.ranks[second?.id ?? '']).toBe(1);
    expect(none?.reference).toBeNull();
  });

  it('a bad item names the item and the field and imports nothing', () => {
    const result = importAlpacaEval(withItem(4, ({ output_2: _drop, ...rest }) => rest));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe('Item 5: output_2: required field is missing');
    expect(result.error.detail).toBe('item 5, field output_2');
    const typed = importAlpacaEval(withItem(0, (item) => ({ ...item, preference: 'two' })));
    expect(typed.ok ? null : typed.error.detail).toBe('item 1, field preference');
  });

  it('refuses what is not a JSON array of items', () => {
    expect(importAlpacaEval('{"instruction": "x", "output_1": "a", "output_2": "b"}').ok).toBe(false);
    expect(importAlpacaEval('[').ok).toBe(false);
    expect(importAlpacaEval('[]').ok).toBe(false);
    expect(importAlpacaEval('[1]').ok ? null : 'item 1').toBe('item 1');
  });

  it('is detected by its structure', () => {
    expect(detectAlpacaEval(sample)).toBe(true);
    expect(detectAlpacaEval('[{"instruction": "x"}]')).toBe(false);
  });
});
