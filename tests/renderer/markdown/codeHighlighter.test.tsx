// @vitest-environment jsdom
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelMarkdown } from '../../../renderer/src/ui/markdown/ModelMarkdown';

afterEach(cleanup);

describe('code blocks highlighted outside React', () => {
  it('shows the text at once, then the tokens, with hostile code kept as text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const { container } = render(<ModelMarkdown text={'```python\ndef f(x):\n    return x\n```\n\n```html\n' + hostile + '\n```\n'} />);
    const [python, html] = [...container.querySelectorAll('pre code')] as HTMLElement[];
    expect(python?.textContent).toBe('def f(x):\n    return x\n');
    await waitFor(() => expect(python?.classList.contains('hljs')).toBe(true));
    expect(python?.querySelector('.hljs-keyword')?.textContent).toBe('def');
    expect(python?.textContent).toBe('def f(x):\n    return x\n');
    await waitFor(() => expect(html?.classList.contains('hljs')).toBe(true));
    expect(html?.textContent).toBe(hostile + '\n');
    expect(container.querySelector('img, script')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    // Only spans and text were built.
    expect([...html!.querySelectorAll('*')].every((el) => el.tagName === 'SPAN')).toBe(true);
  });

  it('a block whose code changes (a live preview) shows the new code, not the old tokens', async () => {
    const { container, rerender } = render(<ModelMarkdown text={'```python\nx = 1\n```\n'} />);
    await waitFor(() => expect(container.querySelector('pre code')?.classList.contains('hljs')).toBe(true));
    rerender(<ModelMarkdown text={'```python\ny = 2\n```\n'} />);
    await waitFor(() => expect(container.querySelector('pre code')?.textContent).toBe('y = 2\n'));
    expect(container.querySelectorAll('pre')).toHaveLength(1);
  });
});
