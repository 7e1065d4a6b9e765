import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MarkdownChunk } from '../../../renderer/src/ui/markdown/ModelMarkdown';
import { holdHighlighter, rehypeHighlightShared } from '../../../renderer/src/ui/markdown/sharedHighlighter';

const nextIdle = () => new Promise<void>((done) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => done()) : setTimeout(done, 5)));

describe('the shared code highlighter', () => {
  it('is one highlighter for every block while a response renders, and let go once none does', async () => {
    const release = holdHighlighter();
    const first = rehypeHighlightShared();
    expect(rehypeHighlightShared()).toBe(first);
    await nextIdle();
    expect(rehypeHighlightShared()).toBe(first); // still held: blocks are still to come
    release();
    await nextIdle();
    expect(rehypeHighlightShared()).not.toBe(first); // released, so a rendered task does not keep the grammars
  });

  it('still highlights code and leaves math to the math typesetter', () => {
    const html = renderToStaticMarkup(<MarkdownChunk text={'```python\ndef f(x):\n    return x\n```\n\n$$\nx^2\n$$\n'} />);
    expect(html).toContain('<code class="hljs language-python">');
    expect(html).toContain('<span class="hljs-keyword">def</span>');
    expect(html).toContain('class="math math-display"');
    expect(html).not.toContain('hljs language-math');
  });
});
