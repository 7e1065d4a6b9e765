import { documentReferences, type FootnotesSection } from './references';

const LIST_ITEM = /^ {0,3}([-*+]|\d{1,9}[.)])(\s|$)/;

/**
 * Cuts markdown into chunks of about `targetChars` at blank lines that end a top-level block, never inside
 * a code fence or a `$$` display-math block, and never before an indented line (a continued list item or
 * indented code), nor between the items of a list (a blank line there makes the whole list loose). Each
 * chunk then renders on its own, so a long response can appear block by block; a smaller first chunk
 * (`firstChars`) fills the first screen sooner.
 */
export function splitMarkdownBlocks(markdown: string, targetChars = 3000, firstChars = targetChars): string[] {
  const lines = markdown.split('\n');
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 0;
  let fence: string | null = null;
  let inDisplayMath = false;
  /** Inside a top-level list: a blank line between its items makes it loose, so the list is never cut there. */
  let inList = false;

  lines.forEach((line, i) => {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch?.[1]) {
      const marker = fenceMatch[1];
      if (fence === null) fence = marker[0]!.repeat(marker.length);
      else if (marker.startsWith(fence)) fence = null;
    } else if (fence === null && (line.match(/\$\$/g)?.length ?? 0) % 2 === 1) {
      inDisplayMath = !inDisplayMath;
    }
    if (fence === null && !inDisplayMath && line.trim() !== '' && !/^(\s|\t)/.test(line)) inList = LIST_ITEM.test(line) || (inList && lines[i - 1]?.trim() !== '');
    current.push(line);
    size += line.length + 1;
    const next = lines[i + 1];
    const safeBoundary =
      fence === null && !inDisplayMath && line.trim() === '' && next !== undefined && next.trim() !== '' && !/^(\s|\t)/.test(next) && !(inList && LIST_ITEM.test(next));
    if (safeBoundary && size >= (chunks.length === 0 ? firstChars : targetChars)) {
      chunks.push(current.join('\n'));
      current = [];
      size = 0;
    }
  });
  if (current.length > 0) chunks.push(current.join('\n'));
  return chunks;
}

export interface MarkdownBlock {
  /** The block's text, preceded by the definitions it cites but does not hold. */
  text: string;
  /** Footnotes cited before this block (document order, counts), so it numbers its own as the whole would; null when none are defined. */
  footnotesBefore: { order: string[]; counts: Record<string, number> } | null;
}

export interface MarkdownBlocks {
  blocks: MarkdownBlock[];
  /** The document's footnotes section, rendered once after the last block; null when there is none to render apart. */
  footnotes: FootnotesSection | null;
}

/**
 * splitMarkdownBlocks for rendering: each block also carries the link and footnote definitions it lacks, and the
 * footnotes cited before it, so references render as in the unsplit document (see references.ts). A document
 * left whole, or defining nothing, comes back as its plain blocks.
 */
export function splitMarkdownForRender(markdown: string, targetChars = 3000, firstChars = targetChars): MarkdownBlocks {
  const chunks = splitMarkdownBlocks(markdown, targetChars, firstChars);
  const references = chunks.length > 1 ? documentReferences(markdown, chunks.map((c) => c.split('\n').length)) : null;
  if (!references) return { blocks: chunks.map((text) => ({ text, footnotesBefore: null })), footnotes: null };
  return {
    blocks: chunks.map((text, i) => {
      const { prelude, footnotesBefore } = references.blocks[i]!;
      return { text: prelude + text, footnotesBefore: references.footnotes ? footnotesBefore : null };
    }),
    footnotes: references.footnotes,
  };
}
