import { describe, expect, it } from 'vitest';
import type { Task } from '@shared/domain';
import { detectOasstTrees, importOasstTrees, parseOasstTrees, type PreferenceImportItem } from '@shared/formats/preference';
import { OASST, readFixture, withLine } from './fixtures';

const sample = readFixture(OASST);

const imported = (text: string): PreferenceImportItem[] => {
  const result = parseOasstTrees(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

const rankingOf = (task: Task) => {
  if (task.payload.kind !== 'ranking') throw new Error('expected a ranking task');
  return task.payload;
};

interface Node {
  message_id: string;
  text: string;
  role: 'prompter' | 'assistant';
  rank?: number | null;
  deleted?: boolean;
  replies: Node[];
}
const node = (id: string, role: Node['role'], replies: Node[] = [], extra: Partial<Node> = {}): Node => ({ message_id: id, text: `text of ${id}`, role, replies, ...extra });

describe('OASST trees import', () => {
  it('makes one N-way task per prompter message with 2+ assistant replies: 35 from the 20 sample trees', () => {
    const items = imported(sample);
    expect(items).toHaveLength(35);
    const sizes = items.map((i) => rankingOf(i.task).responses.length);
    expect(Math.min(...sizes)).toBe(2);
    expect(Math.max(...sizes)).toBe(9);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(108);
    expect(items.every((i) => i.task.project === 'oasst')).toBe(true);
  });

  it('uses the path from the root to the prompter message as the conversation', () => {
    const trees = sample.trim().split('\n').map((line) => JSON.parse(line) as { prompt: Node });
    const second = trees[1]?.prompt;
    const items = imported(sample);
    const root = items.find((i) => i.task.id === `oasst-${second?.message_id ?? ''}`);
    expect(rankingOf(root?.task ?? ({} as Task)).conversation).toEqual([{ role: 'user', content: second?.text }]);
    const deep = items.filter((i) => rankingOf(i.task).conversation.length > 1);
    expect(deep.length).toBeGreaterThan(0);
    for (const { task } of deep) {
      const roles = rankingOf(task).conversation.map((m) => m.role);
      roles.forEach((role, index) => expect(role).toBe(index % 2 === 0 ? 'user' : 'assistant'));
    }
  });

  it("returns OASST's own ranks (0 best) as the reference, not in the task", () => {
    const tree = { message_tree_id: 't', prompt: node('p', 'prompter', [node('a', 'assistant', [], { rank: 1 }), node('b', 'assistant', [], { rank: 0 }), node('c', 'assistant', [], { rank: 2 })]) };
    const [item] = imported(JSON.stringify(tree));
    expect(item?.reference).toEqual({ taskId: 'oasst-p', source: 'oasst', ranks: { a: 2, b: 1, c: 3 }, annotator: null });
    expect(JSON.stringify(item?.task)).not.toContain('"rank"');
    expect(rankingOf(item?.task ?? ({} as Task)).responses.map((r) => r.id).sort()).toEqual(['a', 'b', 'c']);
  });

  it('skips deleted replies and keeps the 16 best ranked of a bigger set', () => {
    const deleted = { message_tree_id: 't', prompt: node('p', 'prompter', [node('a', 'assistant'), node('b', 'assistant', [], { deleted: true }), node('c', 'assistant')]) };
    expect(rankingOf(imported(JSON.stringify(deleted))[0]?.task ?? ({} as Task)).responses.map((r) => r.id).sort()).toEqual(['a', 'c']);
    const many = { message_tree_id: 't', prompt: node('p', 'prompter', Array.from({ length: 20 }, (_, i) => node(`a${i}`, 'assistant', [], { rank: 19 - i }))) };
    const [item] = imported(JSON.stringify(many));
    expect(rankingOf(item?.task ?? ({} as Task)).responses).toHaveLength(16);
    expect(Object.keys(item?.reference?.ranks ?? {})).not.toContain('a0');
  });

  it('a bad field deep in a tree names the line and its path, and imports nothing', () => {
    const broken = withLine(sample, 3, (line) => {
      const tree = JSON.parse(line) as { prompt: Node };
      const reply = tree.prompt.replies[0];
      if (reply !== undefined) (reply as unknown as Record<string, unknown>).text = 7;
      return JSON.stringify(tree);
    });
    const result = importOasstTrees(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe('Line 3: prompt.replies[0].text: expected text, found a number');
    expect(result.error.detail).toBe('line 3, field prompt.replies[0].text');
  });

  it('rejects the same prompter message twice and a file without anything to rank', () => {
    const first = sample.split('\n')[0] ?? '';
    const twice = importOasstTrees(`${first}\n${first}`);
    expect(twice.ok ? null : twice.error.detail).toBe('line 2, field message_id');
    const single = importOasstTrees(JSON.stringify({ message_tree_id: 't', prompt: node('p', 'prompter', [node('a', 'assistant')]) }));
    expect(single.ok ? null : single.error.message).toMatch(/No ranking task/);
  });

  it('is detected by its structure', () => {
    expect(detectOasstTrees(sample)).toBe(true);
    expect(detectOasstTrees('{"prompt": "hello"}')).toBe(false);
  });
});
