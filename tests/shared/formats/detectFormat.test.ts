import { describe, expect, it } from 'vitest';
import { demoTasksJsonl } from '../../../shared/demo/demoTasks';
import { detectFormat, type Detection } from '../../../shared/formats/detectFormat';
import { formatDetectors, type FormatId } from '../../../shared/formats/detectors';
import { readFixture } from '../readFixture';

const formatOf = (detection: Detection): FormatId | Detection['kind'] => (detection.kind === 'known' ? detection.detector.format : detection.kind);

describe('detectFormat', () => {
  it('recognises canonical JSONL by payload.kind on the first non-blank line', () => {
    expect(formatOf(detectFormat(demoTasksJsonl()))).toBe('canonical-jsonl');
    expect(formatOf(detectFormat(`\uFEFF\r\n\r\n${demoTasksJsonl().replaceAll('\n', '\r\n')}`))).toBe('canonical-jsonl');
  });

  it('recognises canonical JSONL even when a later line is broken', () => {
    expect(formatOf(detectFormat(readFixture('tasks.bad-json-line5.jsonl')))).toBe('canonical-jsonl');
  });

  it.each<[string, FormatId]>([
    ['formats/hh-rlhf.first1.jsonl', 'hh-rlhf'],
    ['formats/oasst-tree.first1.jsonl', 'oasst-tree'],
    ['formats/alpaca-eval.first2.json', 'alpaca-eval'],
    ['formats/prm800k-example.json', 'prm800k'],
    ['formats/gsm8k.first2.jsonl', 'gsm8k'],
    ['formats/math500.first2.jsonl', 'math'],
    ['formats/swe-bench-instance.first1.jsonl', 'swe-bench-instance'],
    ['formats/swe-agent.trimmed.traj', 'swe-agent-traj'],
  ])('recognises real public data: %s is %s', (file, format) => {
    expect(formatOf(detectFormat(readFixture(file)))).toBe(format);
  });

  it('recognises a one-line JSON array of records', () => {
    const line = JSON.stringify([{ instruction: 'i', output_1: 'a', output_2: 'b', preference: 1 }]);
    expect(formatOf(detectFormat(line))).toBe('alpaca-eval');
  });

  it('tells JSON it does not know from text that is not JSON', () => {
    expect(formatOf(detectFormat('{"hello": "world"}'))).toBe('unknown-json');
    expect(formatOf(detectFormat('[]'))).toBe('unknown-json');
    expect(formatOf(detectFormat('id,title\n1,Hello'))).toBe('not-json');
    expect(formatOf(detectFormat('{"id": "a", "payload": {"kind": '))).toBe('not-json');
  });

  it('has one detector per format, canonical first', () => {
    const formats = formatDetectors.map((d) => d.format);
    expect(new Set(formats).size).toBe(formats.length);
    expect(formats[0]).toBe('canonical-jsonl');
  });
});
