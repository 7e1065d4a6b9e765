import { describe, expect, it } from 'vitest';
import { rankingAnnotationSchema, type Task } from '@shared/domain';
import {
  detectAlpacaEval,
  detectHhRlhf,
  detectOasstTrees,
  formatHhDialogue,
  importHhRlhfTasks,
  parseHhDialogue,
  parseHhRlhf,
  toHhRlhfJsonl,
  type PreferenceImportItem,
} from '@shared/formats/preference';
import { ALPACA_EVAL, HH_RLHF, OASST, readFixture, withLine } from './fixtures';

const sample = readFixture(HH_RLHF);

const imported = (text: string): PreferenceImportItem[] => {
  const result = parseHhRlhf(text, { project: 'red-team' });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

const rankingOf = (task: Task) => {
  if (task.payload.kind !== 'ranking') throw new Error('expected a ranking task');
  return task.payload;
};

describe('hh-rlhf import', () => {
  it('imports the 40 sample pairs as 2-response tasks in the given project', () => {
    const items = imported(sample);
    expect(items).toHaveLength(40);
    for (const { task } of items) {
      const payload = rankingOf(task);
      expect(task.project).toBe('red-team');
      expect(payload.responses).toHaveLength(2);
      expect(payload.conversation.at(-1)?.role).toBe('user');
      expect(payload.conversation[0]?.role).toBe('user');
    }
    expect(new Set(items.map((i) => i.task.id)).size).toBe(40);
  });

  it('turns the shared turns into the conversation and the last Assistant turns into the responses', () => {
    const [first] = imported(sample);
    const source = JSON.parse(sample.split('\n')[0] ?? '') as { chosen: string; rejected: string };
    const payload = rankingOf(first?.task ?? ({} as Task));
    expect(payload.conversation.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
    expect(payload.conversation[0]?.content).toBe('what are some pranks with a pen i can do?');
    const chosenId = Object.entries(first?.reference?.ranks ?? {}).find(([, rank]) => rank === 1)?.[0];
    const chosen = payload.responses.find((r) => r.id === chosenId)?.content ?? '';
    expect(source.chosen.endsWith(`\n\nAssistant: ${chosen}`)).toBe(true);
    expect(first?.reference?.source).toBe('hh-rlhf');
  });

  it('derives ids from the content, so a re-import finds the same tasks', () => {
    expect(imported(sample).map((i) => i.task.id)).toEqual(imported(sample).map((i) => i.task.id));
    const twice = imported(`${sample.split('\n')[0] ?? ''}\n${sample.split('\n')[0] ?? ''}\n`);
    expect(twice.map((i) => i.task.id)).toEqual([twice[0]?.task.id, `${twice[0]?.task.id ?? ''}-2`]);
  });

  it('leaves no trace of the chosen side in the task: neutral ids, both positions used', () => {
    const items = imported(sample);
    const chosenFirst = items.filter(({ task, reference }) => reference?.ranks[rankingOf(task).responses[0]?.id ?? ''] === 1).length;
    expect(chosenFirst).toBeGreaterThan(5);
    expect(chosenFirst).toBeLessThan(35);
    for (const { task } of items) {
      expect(JSON.stringify(task)).not.toMatch(/chosen|rejected/i);
      expect(rankingOf(task).responses.map((r) => r.id)).toEqual([`${task.id}-r1`, `${task.id}-r2`]);
      expect(rankingOf(task).responses.every((r) => r.model === undefined)).toBe(true);
    }
  });

  it('a bad field names the line and the field and imports nothing', () => {
    const broken = withLine(sample, 7, (line) => JSON.stringify({ ...(JSON.parse(line) as object), rejected: 42 }));
    const result = importHhRlhfTasks(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('import_failed');
    expect(result.error.message).toMatch(/^Line 7: rejected: expected text/);
    expect(result.error.detail).toBe('line 7, field rejected');
  });

  it('reports invalid JSON, a missing field and a dialogue that differs too early', () => {
    const badJson = importHhRlhfTasks(withLine(sample, 3, (line) => line.slice(0, -5)));
    expect(badJson.ok ? null : badJson.error.detail).toBe('line 3');
    const missing = importHhRlhfTasks(withLine(sample, 2, () => '{"chosen": "\\n\\nHuman: hi\\n\\nAssistant: yo"}'));
    expect(missing.ok ? null : missing.error.message).toBe('Line 2: rejected: required field is missing');
    const early = importHhRlhfTasks('{"chosen": "\\n\\nHuman: hi\\n\\nAssistant: yo", "rejected": "\\n\\nHuman: hey\\n\\nAssistant: no"}');
    expect(early.ok ? null : early.error.detail).toBe('line 1, field rejected');
    const noAssistant = importHhRlhfTasks('{"chosen": "\\n\\nHuman: hi", "rejected": "\\n\\nHuman: hi"}');
    expect(noAssistant.ok ? null : noAssistant.error.detail).toBe('line 1, field chosen');
  });

  it('counts the other bad lines in the message', () => {
    const broken = withLine(withLine(sample, 4, () => '{'), 9, () => '[]');
    const result = importHhRlhfTasks(broken);
    expect(result.ok ? null : result.error.message).toMatch(/^Line 4: not valid JSON: .* \(and 1 more line with problems; nothing was imported\)$/);
  });

  it('refuses an empty file', () => {
    expect(importHhRlhfTasks('\n  \n').ok).toBe(false);
  });

  it('parses and formats dialogues symmetrically', () => {
    const dialogue = '\n\nHuman: Hi\n\nthere\n\nAssistant: Hello\n\nHuman: ok';
    const parsed = parseHhDialogue(dialogue);
    expect(parsed).toEqual({
      messages: [
        { role: 'user', content: 'Hi\n\nthere' },
        { role: 'assistant', content: 'Hello' },
        { role: 'user', content: 'ok' },
      ],
    });
    expect('messages' in parsed ? formatHhDialogue(parsed.messages) : null).toBe(dialogue);
    expect(parseHhDialogue('Human: no leading blank line')).toHaveProperty('error');
    expect(formatHhDialogue([{ role: 'system', content: 'x' }])).toBeNull();
  });
});

describe('hh-rlhf detection', () => {
  it('recognises hh-rlhf and nothing else', () => {
    expect(detectHhRlhf(sample)).toBe(true);
    expect(detectHhRlhf(readFixture(OASST))).toBe(false);
    expect(detectHhRlhf(readFixture(ALPACA_EVAL))).toBe(false);
    expect(detectOasstTrees(sample)).toBe(false);
    expect(detectAlpacaEval(sample)).toBe(false);
    expect(detectHhRlhf('not json')).toBe(false);
  });
});

describe('hh-rlhf export -> import round trip', () => {
  it('gives back the source pairs exactly, and the same conversations on re-import', () => {
    const items = imported(sample);
    const annotated = items.map(({ task, reference }) => ({
      task,
      annotation: rankingAnnotationSchema.parse({ kind: 'ranking', displayOrder: rankingOf(task).responses.map((r) => r.id), ranks: reference?.ranks }),
    }));
    const exported = toHhRlhfJsonl(annotated);
    if (!exported.ok) throw new Error(exported.error.message);
    const sourceLines = sample.trim().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(exported.value.trim().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual(sourceLines);

    const again = imported(exported.value);
    expect(again.map((i) => rankingOf(i.task).conversation)).toEqual(items.map((i) => rankingOf(i.task).conversation));
    expect(again.map((i) => i.task.id)).toEqual(items.map((i) => i.task.id));
    expect(again.map((i) => i.reference)).toEqual(items.map((i) => i.reference));
  });
});
