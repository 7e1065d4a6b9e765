import fc from 'fast-check';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { importTasksFromText } from '@shared/formats/importTasks';
import { MarkdownChunk, planModelMarkdown } from '../../../renderer/src/ui/markdown/ModelMarkdown';
import { readFixture } from '../../shared/readFixture';

/** The HTML a list of blocks renders to, without the block wrappers and the whitespace between tags. */
const html = (blocks: { text: string; footnotes?: Parameters<typeof MarkdownChunk>[0]['footnotes'] }[]): string =>
  blocks
    .map((b) => renderToStaticMarkup(<MarkdownChunk text={b.text} footnotes={b.footnotes} />))
    .join('')
    .replaceAll('<div class="md-chunk">', '')
    .replaceAll('</div>', '')
    .replace(/>\s+</g, '><')
    .trim();

const unsplit = (text: string) => html([{ text }]);
const split = (text: string, target: number) => {
  const plan = planModelMarkdown(text, target, target);
  return { plan, html: html(plan) };
};

const responsesOfSamples = (): string[] =>
  ['hh-rlhf-harmless-base-test.first40.jsonl', 'oasst-en-trees.first20.jsonl', 'alpaca-eval-gpt4-pairwise.first20.json'].flatMap((name) => {
    const imported = importTasksFromText(name, readFixture(`preference/${name}`));
    if (!imported.ok) throw new Error(imported.error.message);
    return imported.value.tasks.flatMap((t) => (t.payload.kind === 'ranking' ? t.payload.responses.map((r) => r.content) : []));
  });

/** A response with references cited at the top and defined at the bottom, far from their use. */
const withFarReferences = (body: string, i: number): string =>
  [
    `See [the guide][Guide ${i}], [Guide ${i}][] and the note[^n${i}]; again[^n${i}], and an undefined one[^x] stays text.`,
    body,
    `More on that in [the guide][guide ${i}] and the other note[^Other].`,
    body,
    `[guide ${i}]: https://example.org/guide/${i} "Guide ${i}"`,
    `[^n${i}]: The first note, with **bold** text.`,
    `[^other]: The other note.\n\n    It has a second paragraph.`,
  ].join('\n\n');

describe('markdown cut into blocks renders its references as the whole would', () => {
  const samples = responsesOfSamples();

  it("renders the samples' responses the same split and unsplit", () => {
    expect(samples.length).toBeGreaterThan(50);
    let cut = 0;
    for (const text of samples) {
      const { plan, html: got } = split(text, 200);
      if (plan.length > 1) cut++;
      expect(got).toBe(unsplit(text));
    }
    expect(cut).toBeGreaterThan(10);
  });

  it('renders sample responses with references defined far from their use the same split and unsplit', () => {
    for (const [i, body] of samples.slice(0, 30).entries()) {
      const text = withFarReferences(body, i);
      const { plan, html: got } = split(text, 300);
      expect(plan.length).toBeGreaterThan(2);
      const whole = unsplit(text);
      expect(whole).toContain(`href="https://example.org/guide/${i}"`);
      expect(whole).toContain('data-footnotes');
      expect(got).toBe(whole);
    }
  });

  it('numbers footnotes across blocks, keeps one footnotes section, and never shows a reference as text', () => {
    const text = withFarReferences(samples[0]!, 7);
    const got = split(text, 100).html;
    expect(got.match(/data-footnotes/g)).toHaveLength(1);
    expect(got).not.toContain('[Guide 7]');
    expect(got).not.toContain('[^n7]');
    expect(got).toContain('[^x]');
    // The second citation of n7 is the second back reference of its note; the note cited third block on is number 2.
    expect(got).toContain('#user-content-fnref-n7-2');
    expect(got).toContain('#user-content-fn-other">2<');
  });

  it('renders generated documents with definitions anywhere the same split and unsplit', () => {
    const word = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'x*y*', '`code [^a]`', '$x^2$', 'ok.');
    const label = fc.constantFrom('a', 'A', 'b', 'Long  Label', 'c', '1');
    const sentence = fc.array(word, { minLength: 3, maxLength: 12 }).map((w) => w.join(' '));
    const block = fc.oneof(
      sentence,
      fc.tuple(sentence, label).map(([s, l]) => `${s} [link][${l}] and [${l}] and [${l}][].`),
      fc.tuple(sentence, label).map(([s, l]) => `${s}[^${l.replace(/\s+/g, '')}] more.`),
      fc.tuple(label, fc.nat(99)).map(([l, n]) => `[${l}]: https://example.org/${n}`),
      fc.tuple(label, sentence).map(([l, s]) => `[^${l.replace(/\s+/g, '')}]: ${s}`),
      fc.tuple(label, sentence).map(([l, s]) => `[^${l.replace(/\s+/g, '')}]: ${s}\n\n    ${s}`),
      fc.tuple(label, label, sentence).map(([l, k, s]) => `[^${l.replace(/\s+/g, '')}]: ${s}, see [the source][${k}].`),
      fc.tuple(sentence, label).map(([s, l]) => `${s} [text [${l}]] and [multi\nline ${l}][${l}].`),
      fc.tuple(label, sentence).map(([l, s]) => '```\n[' + l + ']: https://not.a/definition\n\n' + s + '\n```'),
      fc.tuple(sentence, sentence).map(([a, b]) => `- ${a}\n- ${b}`),
      sentence.map((s) => `## ${s}`),
      sentence.map((s) => `> ${s}`),
    );
    fc.assert(
      fc.property(fc.array(block, { minLength: 2, maxLength: 16 }), fc.integer({ min: 40, max: 400 }), (blocks, target) => {
        const text = blocks.join('\n\n');
        expect(split(text, target).html).toBe(unsplit(text));
      }),
      { numRuns: 60 },
    );
  });
});
