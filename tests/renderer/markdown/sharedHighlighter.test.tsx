import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MarkdownChunk } from '../../../renderer/src/ui/markdown/ModelMarkdown';
import { highlightTokens } from '../../../renderer/src/ui/markdown/codeHighlighter';
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

  it('turns code into tokens for a known language, leaves an unknown one alone', () => {
    const tokens = highlightTokens('python', 'def f(x):\n    return x\n');
    expect(tokens).not.toBeNull();
    const keyword = tokens!.find((t) => t.type === 'element' && Array.isArray(t.properties.className) && t.properties.className.includes('hljs-keyword'));
    expect(keyword && keyword.type === 'element' && keyword.children[0]).toMatchObject({ type: 'text', value: 'def' });
    expect(highlightTokens('no-such-language', 'x = 1')).toBeNull();
  });

  it('renders a code block as its plain text first (tokens come outside React) and leaves math to the math typesetter', () => {
    const html = renderToStaticMarkup(<MarkdownChunk text={'```python\ndef f(x):\n    return x\n```\n\n$$\nx^2\n$$\n'} />);
    expect(html).toContain('<pre tabindex="0"><code class="language-python">def f(x):\n    return x\n</code></pre>');
    expect(html).toContain('class="math math-display"');
    expect(html).not.toContain('language-math');
  });
});
