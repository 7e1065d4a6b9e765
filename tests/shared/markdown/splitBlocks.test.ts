import { describe, expect, it } from 'vitest';
import { splitMarkdownBlocks, splitMarkdownForRender } from '../../../shared/markdown/splitBlocks';

const para = (n: number) => `Paragraph ${n} ${'word '.repeat(20)}`;

describe('splitMarkdownBlocks', () => {
  it('joins back to exactly the original text', () => {
    const text = Array.from({ length: 40 }, (_, i) => para(i)).join('\n\n');
    const chunks = splitMarkdownBlocks(text, 500);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.join('\n')).toBe(text);
  });

  it('never cuts inside a code fence or display math, even across blank lines', () => {
    const fenced = '```python\nx = 1\n\n\ny = 2\n```';
    const math = '$$\na = b\n\nc = d\n$$';
    const text = [para(1), fenced, para(2), math, para(3)].join('\n\n');
    for (const chunk of splitMarkdownBlocks(text, 10)) {
      expect((chunk.match(/```/g)?.length ?? 0) % 2).toBe(0);
      expect((chunk.match(/\$\$/g)?.length ?? 0) % 2).toBe(0);
    }
  });

  it('keeps an indented continuation with the list item above it', () => {
    const text = `- item one\n\n    continued code\n\n${para(9)}`;
    const chunks = splitMarkdownBlocks(text, 5);
    expect(chunks[0]).toContain('continued code');
  });

  it('can make the first chunk smaller than the rest, for a quicker first screen', () => {
    const text = Array.from({ length: 40 }, (_, i) => para(i)).join('\n\n');
    const [first, second] = splitMarkdownBlocks(text, 1000, 200);
    expect(first!.length).toBeLessThan(second!.length);
  });

  it('leaves short text whole', () => {
    expect(splitMarkdownBlocks('short', 3000)).toEqual(['short']);
  });
});

describe('splitMarkdownBlocks and lists', () => {
  it('never cuts between the items of a loose list', () => {
    const text = ['- one', '- two', '', '- three', '', para(1), '', '1. a', '', '2. b'].join('\n');
    const chunks = splitMarkdownBlocks(text, 1);
    expect(chunks.some((c) => c.includes('- two') && c.includes('- three'))).toBe(true);
    expect(chunks.some((c) => c.includes('1. a') && c.includes('2. b'))).toBe(true);
    expect(chunks.length).toBeGreaterThan(1);
  });
});

describe('splitMarkdownForRender', () => {
  it('gives each block the definitions it lacks, first definition of a label first', () => {
    const text = ['Cite [x] and [^n].', '', '[x]: https://a.example', '', para(1), '', '[X]: https://b.example', '', 'Again [x][^n].', '', '[^n]: A note.'].join('\n');
    const { blocks, footnotes } = splitMarkdownForRender(text, 1);
    expect(blocks.length).toBeGreaterThan(3);
    const last = blocks.at(-2)!;
    expect(last.text.startsWith('[x]: https://a.example\n\n')).toBe(true);
    expect(last.text).not.toContain('https://b.example\n\n[^n]');
    expect(blocks[0]!.text).toContain('[^n]: A note.');
    expect(footnotes).toEqual({ text: '[^N]\n\n[^n]: A note.', order: ['N'], counts: { N: 1 } });
    // A block that cites nothing carries nothing.
    expect(blocks.find((b) => b.text.includes('Paragraph 1'))?.text.startsWith('Paragraph 1')).toBe(true);
  });

  it('leaves code that looks like a definition alone', () => {
    const text = ['Cite [x].', '', '```', '[x]: https://not.a/definition', '```', '', para(2)].join('\n');
    expect(splitMarkdownForRender(text, 1).blocks.map((b) => b.text)).toEqual(splitMarkdownBlocks(text, 1));
  });
});
