import { describe, expect, it } from 'vitest';
import { anchorTargetKey, commentAnchorSchema, median, pasteSignalSchema, submissionActivitySchema } from '../../../shared/domain';
import { describeAnchor } from '../../../shared/review/anchorLabel';
import { locateQuote, quoteOf } from '../../../shared/review/textQuote';

describe('comment anchors', () => {
  it('reads every kind, and the older plain-string anchors as a path or the task', () => {
    const quote = { exact: 'padded', prefix: 'B is ', suffix: ' with', start: 5, end: 11 };
    const kinds = [
      { kind: 'task' },
      { kind: 'response', responseId: 'r2', quote },
      { kind: 'step', stepId: 's3' },
      { kind: 'ratingCell', criterionId: 'clarity', responseId: 'r1' },
      { kind: 'justification', field: 'justification', quote },
      { kind: 'hunk', stepId: 'patch', file: 'src/a.py', hunk: 1, header: '@@ -1,3 +1,4 @@' },
    ];
    for (const anchor of kinds) expect(commentAnchorSchema.parse(anchor)).toEqual(anchor);
    expect(commentAnchorSchema.parse('stepRatings.s2')).toEqual({ kind: 'path', path: 'stepRatings.s2' });
    expect(commentAnchorSchema.parse('  ')).toEqual({ kind: 'task' });
  });

  it('refuses an unknown kind, a missing id and an empty or inverted quote, naming the field', () => {
    expect(commentAnchorSchema.safeParse({ kind: 'paragraph' }).success).toBe(false);
    const noId = commentAnchorSchema.safeParse({ kind: 'step' });
    expect(noId.success || noId.error.issues[0]!.path).toEqual(['stepId']);
    const inverted = commentAnchorSchema.safeParse({ kind: 'response', responseId: 'r1', quote: { exact: 'x', start: 9, end: 3 } });
    expect(inverted.success || inverted.error.issues[0]!.path).toEqual(['quote', 'end']);
    expect(commentAnchorSchema.safeParse({ kind: 'response', responseId: 'r1', quote: { exact: '', start: 0, end: 1 } }).success).toBe(false);
  });

  it('keys each anchor to the element the workspace marks, and says where it is in words', () => {
    expect(anchorTargetKey({ kind: 'ratingCell', criterionId: 'clarity', responseId: 'r1' })).toBe('cell:clarity:r1');
    expect(anchorTargetKey({ kind: 'hunk', stepId: 'patch', file: 'a.py', hunk: 0, header: '@@' })).toBe('hunk:patch:a.py:0');
    expect(anchorTargetKey({ kind: 'step', stepId: 's3', quote: { exact: 'x', prefix: '', suffix: '', start: 0, end: 1 } })).toBe('step:s3');
    const labels = { responseLabel: (id: string) => ({ r1: 'A', r2: 'B' })[id] ?? id, criterionLabel: () => 'Clarity' };
    expect(describeAnchor({ kind: 'ratingCell', criterionId: 'clarity', responseId: 'r2' }, labels)).toBe('Rating of B on Clarity');
    expect(describeAnchor({ kind: 'response', responseId: 'r1', quote: quoteOf('a long text with a claim in it', 7, 11)! }, labels)).toBe('Response A: “text”');
  });
});

describe('text quotes', () => {
  const text = 'The ring opens. The ring closes. Then the ring opens again.';

  it('quotes a span with context, and finds it at its offsets', () => {
    const q = quoteOf(text, 38, 46)!;
    expect(q).toMatchObject({ exact: 'the ring', start: 38, end: 46, suffix: ' opens again.' });
    expect(locateQuote(text, q)).toEqual({ start: 38, end: 46 });
    expect(quoteOf(text, 3, 4)).toBeNull(); // whitespace only
  });

  it('finds the span again after the text moved, by the context around it rather than the first occurrence', () => {
    const q = quoteOf(text, 16, 24)!; // "The ring" before "closes"
    const moved = `Preface added above. ${text}`;
    expect(locateQuote(moved, q)).toEqual({ start: 16 + 21, end: 24 + 21 });
    const reworded = text.replace('The ring opens.', 'Opening:');
    const at = locateQuote(reworded, q)!;
    expect(reworded.slice(at.start, at.end + 7)).toBe('The ring closes');
  });

  it('gives null when the quoted text is gone', () => {
    expect(locateQuote('nothing here', quoteOf(text, 4, 8)!)).toBeNull();
  });
});

describe('activity signals', () => {
  it('takes the median of odd and even counts, ignores non-numbers, and gives null for none', () => {
    expect(median([300, 100, 200])).toBe(200);
    expect(median([100, 1000, 300, 200])).toBe(250);
    expect(median([Number.NaN, 5])).toBe(5);
    expect(median([])).toBeNull();
  });

  it('carries size, place and time of a paste, and refuses anything that could hold its content', () => {
    const paste = { target: 'justification', chars: 900, at: '2030-01-01T00:00:00.000Z' };
    expect(submissionActivitySchema.parse({ pastes: [paste] })).toEqual({ pastes: [paste] });
    expect(pasteSignalSchema.safeParse({ ...paste, text: 'the clipboard' }).success).toBe(false);
    expect(pasteSignalSchema.safeParse({ ...paste, chars: 0 }).success).toBe(false);
  });
});

describe('patch hunks as anchors', () => {
  it('lists each hunk of each file with its header, and none for a patch that does not parse', async () => {
    const { patchHunks } = await import('../../../shared/review/patchHunks');
    const patch = [
      'diff --git a/src/a.py b/src/a.py',
      '--- a/src/a.py',
      '+++ b/src/a.py',
      '@@ -1,2 +1,2 @@',
      '-x = 1',
      '+x = 2',
      ' y = 3',
      '@@ -10,1 +10,2 @@',
      ' z = 4',
      '+w = 5',
      '--- a/src/b.py',
      '+++ b/src/b.py',
      '@@ -3,1 +3,1 @@',
      '-old',
      '+new',
      '',
    ].join('\n');
    expect(patchHunks(patch)).toEqual([
      { file: 'src/a.py', hunk: 0, header: '@@ -1,2 +1,2 @@' },
      { file: 'src/a.py', hunk: 1, header: '@@ -10,1 +10,2 @@' },
      { file: 'src/b.py', hunk: 0, header: '@@ -3,1 +3,1 @@' },
    ]);
    expect(patchHunks('')).toEqual([]);
    expect(patchHunks('--- a/x\n+++ b/x\n@@ -1,5 +1,1 @@\n-a\n')).toEqual([]);
  });
});
