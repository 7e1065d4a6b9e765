/**
 * Cuts markdown into chunks of about `targetChars` at blank lines that end a top-level block, never inside
 * a code fence or a `$$` display-math block, and never before an indented line (a continued list item or
 * indented code). Each chunk then renders on its own, so a long response can appear block by block; a
 * smaller first chunk (`firstChars`) fills the first screen sooner.
 */
export function splitMarkdownBlocks(markdown: string, targetChars = 3000, firstChars = targetChars): string[] {
  const lines = markdown.split('\n');
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 0;
  let fence: string | null = null;
  let inDisplayMath = false;

  lines.forEach((line, i) => {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch?.[1]) {
      const marker = fenceMatch[1];
      if (fence === null) fence = marker[0]!.repeat(marker.length);
      else if (marker.startsWith(fence)) fence = null;
    } else if (fence === null && (line.match(/\$\$/g)?.length ?? 0) % 2 === 1) {
      inDisplayMath = !inDisplayMath;
    }
    current.push(line);
    size += line.length + 1;
    const next = lines[i + 1];
    const safeBoundary = fence === null && !inDisplayMath && line.trim() === '' && next !== undefined && next.trim() !== '' && !/^(\s|\t)/.test(next);
    if (safeBoundary && size >= (chunks.length === 0 ? firstChars : targetChars)) {
      chunks.push(current.join('\n'));
      current = [];
      size = 0;
    }
  });
  if (current.length > 0) chunks.push(current.join('\n'));
  return chunks;
}
