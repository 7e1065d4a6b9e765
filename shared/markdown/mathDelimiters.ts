/**
 * remark-math understands `$...$` and `$$...$$`; models also write `\(...\)` and `\[...\]`. Rewrites those
 * two into dollar form, leaving fenced code, indented code and inline code untouched.
 */
export function normalizeMathDelimiters(markdown: string): string {
  if (!markdown.includes('\\(') && !markdown.includes('\\[')) return markdown;
  const lines = markdown.split('\n');
  let fence: string | null = null;
  return lines
    .map((line) => {
      const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
      if (fenceMatch?.[1]) {
        const marker = fenceMatch[1];
        if (fence === null) fence = marker[0]!.repeat(marker.length);
        else if (marker.startsWith(fence)) fence = null;
        return line;
      }
      if (fence !== null || /^( {4}|\t)/.test(line)) return line;
      return rewriteOutsideInlineCode(line);
    })
    .join('\n');
}

const rewriteOutsideInlineCode = (line: string): string =>
  line
    .split(/(`+[^`]*`+)/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/\\\[([\s\S]*?)\\\]/g, (_m, body: string) => `$$${body}$$`).replace(/\\\(([\s\S]*?)\\\)/g, (_m, body: string) => `$${body}$`),
    )
    .join('');
