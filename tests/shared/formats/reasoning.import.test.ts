import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReasoningPayload, Result, Task } from '@shared/domain';
import { detectFormat, importTasksFromText, parseCanonicalTasks, serializeCanonicalTasks } from '@shared/formats';
import { importGsm8k, importMath } from '@shared/formats/reasoning/mathProblems';
import { importModelSolutions } from '@shared/formats/reasoning/modelSolutions';
import { importPrm800k } from '@shared/formats/reasoning/prm800k';
import { splitSolutionSteps } from '@shared/formats/reasoning/records';
import { modeOf, wrongCalculations } from '@shared/reasoning';

const fixture = (name: string) => readFileSync(resolve(__dirname, '../../fixtures/reasoning', name), 'utf8');
const valueOf = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.message} (${r.error.detail ?? ''})`);
  return r.value;
};
const errorOf = <T>(r: Result<T>) => {
  if (r.ok) throw new Error('expected a failure');
  return r.error;
};
const payloadOf = (t: Task) => t.payload as ReasoningPayload;

describe('PRM800K label records', () => {
  const text = fixture('prm800k-readme-example.json');

  it('is detected by structure and imported through importTasks as one first_error task', () => {
    const imported = valueOf(importTasksFromText('whatever.txt', text));
    expect(imported.format).toBe('prm800k');
    const [task] = imported.tasks;
    const p = payloadOf(task!);
    const source = JSON.parse(text) as { question: { problem: string; pre_generated_steps: string[]; ground_truth_answer: string; ground_truth_solution: string }; label: { total_time: number } };
    expect(p.problem).toBe(source.question.problem);
    expect(p.modelSteps.map((s) => s.content)).toEqual(source.question.pre_generated_steps);
    expect(p.modelSteps).toHaveLength(16);
    expect(p.referenceAnswer).toBe('40,\\!000');
    expect(p.referenceSolution).toBe(source.question.ground_truth_solution);
    expect(p.modelAnswer).toBe('320,000');
    expect(modeOf(p)).toBe('first_error');
  });

  it('keeps the human ratings as prior labels (for reviewers), matched to the pre-generated step', () => {
    const p = payloadOf(valueOf(importPrm800k(text))[0]!);
    expect(p.priorLabels?.steps.map((s) => s.rating)).toEqual([0, 0, -1]);
    expect(p.priorLabels?.finishReason).toBe('found_error');
    expect(p.priorLabels?.totalTimeMs).toBe(278270);
  });

  it('reads phase-1 records without pre-generated steps from the chosen completions, one JSON record a line', () => {
    const record = {
      question: { problem: 'What is $1+1$?', ground_truth_answer: '2' },
      label: {
        steps: [
          { completions: [{ text: 'One plus one', rating: 0, flagged: false }, { text: '1+1=2', rating: 1, flagged: false }], human_completion: null, chosen_completion: 1 },
          { completions: [{ text: 'So 3', rating: -1, flagged: true }], human_completion: 'So the answer is 2.', chosen_completion: null },
        ],
        total_time: 1000,
        finish_reason: 'solution',
      },
    };
    const [task] = valueOf(importPrm800k(`${JSON.stringify(record)}\n${JSON.stringify({ ...record, question: { ...record.question, problem: 'Again' } })}\n`));
    expect(payloadOf(task!).modelSteps.map((s) => s.content)).toEqual(['1+1=2', 'So the answer is 2.']);
  });

  it('a bad line imports nothing and names the line and the field', () => {
    const good = JSON.stringify(JSON.parse(text));
    const bad = JSON.stringify({ ...JSON.parse(text), question: { ...(JSON.parse(text) as { question: object }).question, problem: 42 } });
    const error = errorOf(importPrm800k(`${good}\n${bad}\n`));
    expect(error.message).toBe('Line 2: question.problem: expected text, found number');
    expect(error.detail).toBe('line 2, field question.problem');
    expect(errorOf(importPrm800k(`${good}\n{"question": {"problem": "x", "pre_generated_steps": ["a", 3]}, "label": {}}`)).message).toMatch(/^Line 2: question.pre_generated_steps\[1\]: expected text/);
  });
});

describe('GSM8K', () => {
  const text = fixture('gsm8k-test.first40.jsonl');

  it('imports the 40 problems as author tasks with the #### answer as the reference', () => {
    const imported = valueOf(importTasksFromText('gsm8k.jsonl', text));
    expect(imported.format).toBe('gsm8k');
    expect(imported.tasks).toHaveLength(40);
    const p = payloadOf(imported.tasks[0]!);
    expect(p.problem).toMatch(/^Janet’s ducks lay 16 eggs/);
    expect(p.referenceAnswer).toBe('18');
    expect(p.referenceSolution).not.toContain('####');
    expect(modeOf(p)).toBe('author');
    expect(new Set(imported.tasks.map((t) => t.id)).size).toBe(40);
    // Re-importing gives the same ids.
    expect(valueOf(importGsm8k(text)).map((t) => t.id)).toEqual(imported.tasks.map((t) => t.id));
  });

  it('names the line and field of a record without a #### answer, and imports nothing', () => {
    const lines = text.trim().split('\n');
    lines[6] = JSON.stringify({ question: 'How many?', answer: 'Three.' });
    const error = errorOf(importGsm8k(lines.join('\n')));
    expect(error.message).toMatch(/^Line 7: answer: expected the final answer on a last line "#### N"/);
    lines[6] = '{"question": "cut off';
    expect(errorOf(importTasksFromText('g.jsonl', lines.join('\n'))).message).toMatch(/^Line 7: not valid JSON/);
  });
});

describe('MATH / MATH-500', () => {
  const text = fixture('math500.first40.jsonl');

  it('imports the 40 problems with their answer and worked solution, ids from unique_id', () => {
    const imported = valueOf(importTasksFromText('x', text));
    expect(imported.format).toBe('math');
    expect(imported.tasks).toHaveLength(40);
    const p = payloadOf(imported.tasks[0]!);
    expect(p.referenceAnswer).toBe('\\left( 3, \\frac{\\pi}{2} \\right)');
    expect(p.source).toEqual({ format: 'math', id: 'test/precalculus/807.json' });
  });

  it('takes the answer from \\boxed{} when the record has no answer field, and fails naming the field when neither is there', () => {
    const [task] = valueOf(importMath(JSON.stringify({ problem: 'p', solution: 'so $\\boxed{\\frac{1}{2}}$' })));
    expect(payloadOf(task!).referenceAnswer).toBe('\\frac{1}{2}');
    expect(errorOf(importMath(`${JSON.stringify({ problem: 'p', solution: 's $\\boxed{1}$' })}\n${JSON.stringify({ problem: 'p', solution: 'no answer' })}`)).message).toMatch(/^Line 2: answer: /);
    expect(errorOf(importMath(JSON.stringify({ problem: 'p', solution: ['x'] }))).message).toMatch(/^Line 1: solution: expected text, found a list/);
  });
});

describe("a model's solutions to GSM8K problems", () => {
  const text = fixture('gsm8k-model-solutions.jsonl');

  it('is detected ahead of plain GSM8K, cuts steps by line or paragraph and takes the #### line as the answer', () => {
    expect(detectFormat(text)).toMatchObject({ kind: 'known', detector: { format: 'reasoning-model-solutions' } });
    const imported = valueOf(importTasksFromText('m.jsonl', text));
    expect(imported.format).toBe('reasoning-model-solutions');
    const [byLine, byParagraph, completion] = imported.tasks.map(payloadOf);
    expect(byLine!.modelSteps.map((s) => s.content)).toEqual([
      "Janet's ducks lay 16 eggs and she uses 3 + 4 = <<3+4=7>>7 of them.",
      'She sells 16 - 7 = <<16-7=9>>9 eggs.',
      'She makes 9 * 2 = <<9*2=18>>18 dollars.',
    ]);
    expect(byLine!.modelAnswer).toBe('18');
    expect(byLine!.referenceAnswer).toBe('18');
    expect(byLine!.source).toEqual({ format: 'model-solutions', model: 'toy-model-a' });
    expect(byParagraph!.modelSteps).toHaveLength(2);
    expect(wrongCalculations(byParagraph!.modelSteps[1]!.content)).toHaveLength(1);
    expect(completion!.modelSteps).toHaveLength(4);
    expect(completion!.modelAnswer).toBe('70000');
    expect(modeOf(byLine!)).toBe('first_error');
  });

  it('splits at blank lines when there are paragraphs, else at line ends', () => {
    expect(splitSolutionSteps('a\nb\n\nc')).toEqual(['a\nb', 'c']);
    expect(splitSolutionSteps('a\r\nb\r\n')).toEqual(['a', 'b']);
    expect(splitSolutionSteps('  \n ')).toEqual([]);
  });

  it('a record without the solution text names its field', () => {
    const error = errorOf(importModelSolutions(`${text.trim()}\n${JSON.stringify({ question: 'q', completion: 7 })}`));
    expect(error.message).toMatch(/^Line 4: /);
  });
});

describe('canonical JSONL', () => {
  it('round-trips every imported reasoning task losslessly', () => {
    for (const name of ['prm800k-readme-example.json', 'gsm8k-test.first40.jsonl', 'math500.first40.jsonl', 'gsm8k-model-solutions.jsonl']) {
      const tasks = valueOf(importTasksFromText(name, fixture(name))).tasks;
      expect(valueOf(parseCanonicalTasks(serializeCanonicalTasks(tasks)))).toEqual(tasks);
    }
  });
});

describe('hostile strings in every text field', () => {
  const naughty = JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/big-list-of-naughty-strings.json'), 'utf8')) as string[];
  const usable = naughty.filter((s) => s.trim() !== '');

  it('are imported as they are (never executed, never changed), or refused with a line and a field; nothing throws', () => {
    const files: [string, (s: string) => unknown][] = [
      ['gsm8k', (s) => ({ question: s, answer: `${s}\n#### 5` })],
      ['math', (s) => ({ problem: s, solution: `${s} $\\boxed{1}$`, answer: s })],
      ['reasoning-model-solutions', (s) => ({ question: s, answer: '#### 5', model_output: `${s}\n#### 4`, model: s })],
      ['prm800k', (s) => ({ question: { problem: s, ground_truth_answer: s, pre_generated_steps: [s, s] }, label: { steps: [{ completions: [{ text: s, rating: 1, flagged: false }], human_completion: null, chosen_completion: 0 }], finish_reason: s } })],
    ];
    for (const [format, record] of files) {
      const text = usable.map((s) => JSON.stringify(record(s))).join('\n');
      const imported = valueOf(importTasksFromText('hostile.jsonl', text));
      expect(imported.format).toBe(format);
      expect(imported.tasks).toHaveLength(usable.length);
      for (const [i, task] of imported.tasks.entries()) expect(payloadOf(task).problem).toBe(usable[i]);
    }
    const blank = errorOf(importGsm8k(`${JSON.stringify({ question: 'ok', answer: '#### 1' })}\n${JSON.stringify({ question: ' ', answer: '#### 1' })}`));
    expect(blank.message).toBe('Line 2: question: must not be empty');
  });
});
