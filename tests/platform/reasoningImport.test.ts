import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../platform/cli/commands';
import { tempDir } from './helpers';

const fixtures = resolve(__dirname, '../fixtures/reasoning');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const run = async (...argv: string[]) => {
  const io = { outText: '', errText: '', out: (t: string) => void (io.outText += t), err: (t: string) => void (io.errText += t) };
  const outcome = await runCli(argv, io);
  return { code: outcome.kind === 'done' ? outcome.exitCode : -1, out: io.outText, err: io.errText };
};

describe('platform CLI import of reasoning files (the same shared importTasks as the app)', () => {
  it.each([
    ['gsm8k-test.first40.jsonl', 'gsm8k', 40],
    ['math500.first40.jsonl', 'math', 40],
    ['prm800k-readme-example.json', 'prm800k', 1],
    ['gsm8k-model-solutions.jsonl', 'reasoning-model-solutions', 3],
  ] as const)('%s imports as %s', async (file, format, count) => {
    const dir = tempDir();
    dirs.push(dir);
    const data = join(dir, 'data');
    const imported = await run('import', '--data', data, '--project', 'reasoning', join(fixtures, file));
    expect(imported.err).toBe('');
    expect(imported.out).toContain(`as ${format} into reasoning: ${count} new`);
    const exported = await run('export', '--data', data, '--format', 'canonical-jsonl');
    const kinds = exported.out.trim().split('\n').map((l) => (JSON.parse(l) as { payload: { kind: string } }).payload.kind);
    expect(kinds).toEqual(Array(count).fill('reasoning'));
  });
});
