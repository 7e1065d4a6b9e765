import fc from 'fast-check';
import { revisionHash, type RevisionContent } from '@shared/review/historyChain';
import { describe, expect, it } from 'vitest';
import { nativeRevisionHash } from '../../../electron/core/store/chainHash';
import { saveDraftPayloadJson } from '../../../electron/core/store/workflow';
import { rankingAnnotation } from '../../support/taskFixtures';

const anyText = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('\ud800', 'a\udfffb', '\udc00\ud800', '😀\ud83d', '\u0000\u2028'));
const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, anyText, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(anyText, tie('value'), { maxKeys: 4 })),
})).value;

const content = fc.record({
  taskId: anyText,
  revision: fc.integer({ min: 1 }),
  taskVersion: fc.option(fc.integer({ min: 1 })),
  activeSeconds: fc.double({ min: 0, noNaN: true }),
  savedAt: anyText,
  author: fc.option(anyText),
  annotation: json,
}) as fc.Arbitrary<RevisionContent>;

describe('the autosave hash with native SHA-256', () => {
  it('is the shared chain hash for any content, lone surrogates and astral characters included', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant('0'.repeat(64)), fc.stringMatching(/^[0-9a-f]{64}$/)), content, (previous, revision) => {
        expect(nativeRevisionHash(previous, revision)).toBe(revisionHash(previous, revision));
      }),
      { numRuns: 400 },
    );
  });
});

describe('the outbox payload of a save, written around the stored annotation JSON', () => {
  it('is what JSON.stringify writes for the payload object', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1 }), fc.integer({ min: 1 }), fc.oneof(fc.double(), fc.constantFrom(-0, Number.NaN, Infinity, 1e21, 5e-7)), anyText, (text, revision, taskVersion, activeSeconds, savedAt) => {
        const annotation = rankingAnnotation(text);
        const draft = { taskId: 't', revision, annotation, activeSeconds, savedAt, taskVersion };
        expect(saveDraftPayloadJson(draft, JSON.stringify(annotation))).toBe(JSON.stringify({ taskVersion, revision, annotation, activeSeconds, savedAt }));
      }),
      { numRuns: 400 },
    );
  });

  it('falls back to JSON.stringify when activeSeconds is not a number', () => {
    const annotation = rankingAnnotation('x');
    const draft = { taskId: 't', revision: 1, annotation, activeSeconds: undefined as unknown as number, savedAt: 'now', taskVersion: 2 };
    expect(saveDraftPayloadJson(draft, JSON.stringify(annotation))).toBe(JSON.stringify({ taskVersion: 2, revision: 1, annotation, activeSeconds: undefined, savedAt: 'now' }));
  });
});
