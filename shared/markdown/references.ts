/**
 * Reference-style links (`[text][label]`, `[label]`) and footnotes (`[^1]`) are resolved against definitions
 * anywhere in a document, so a response cut into blocks that each render alone loses them: a block without the
 * definition shows `[text][label]` as text, and each block would number its footnotes from 1. This finds the
 * top-level definitions and the order footnotes are first cited in, once for the whole response, so every block
 * can carry the definitions it lacks and number its footnotes as the whole document would.
 */

export interface MarkdownDefinition {
  kind: 'link' | 'footnote';
  /** Normalized as CommonMark compares labels: whitespace collapsed, case folded (upper case, as mdast-util-to-hast keys footnotes). */
  label: string;
  /** The definition's source lines. */
  text: string;
  /** 0-based line where it starts. */
  line: number;
}

export const normalizeLabel = (label: string): string => label.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase().toUpperCase();

const LINK_DEFINITION = /^ {0,3}\[((?:[^\\[\]]|\\.){1,999})\]:(.*)$/;
const FOOTNOTE_DEFINITION = /^ {0,3}\[\^([^\]\s]{1,999})\]:/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const INDENTED = /^( {4}|\t)/;

/** Cheap test first: most responses define nothing, and then nothing more is done. */
export const mayHaveDefinitions = (markdown: string): boolean => /^ {0,3}\[[^\]\n]+\]:/m.test(markdown);

interface Scan {
  definitions: MarkdownDefinition[];
  /** For each line: true when it is code or math (fenced or `$$`), where nothing is a reference. */
  literal: boolean[];
  /** For each line: true when it belongs to a definition. */
  inDefinition: boolean[];
}

const scan = (lines: readonly string[]): Scan => {
  const definitions: MarkdownDefinition[] = [];
  const literal = lines.map(() => false);
  const inDefinition = lines.map(() => false);
  let fence: string | null = null;
  let inMath = false;
  let blockStart = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch?.[1]) {
      const marker = fenceMatch[1];
      if (fence === null) fence = marker[0]!.repeat(marker.length);
      else if (marker.startsWith(fence)) fence = null;
      literal[i] = true;
      blockStart = fence === null;
      continue;
    }
    if (fence !== null) {
      literal[i] = true;
      continue;
    }
    if ((line.match(/\$\$/g)?.length ?? 0) % 2 === 1) {
      inMath = !inMath;
      literal[i] = true;
      blockStart = !inMath;
      continue;
    }
    if (inMath) {
      literal[i] = true;
      continue;
    }
    if (line.trim() === '') {
      blockStart = true;
      continue;
    }
    const footnote = FOOTNOTE_DEFINITION.exec(line);
    const link = footnote ? null : LINK_DEFINITION.exec(line);
    if (blockStart && (footnote || (link && link[1]!.trim() !== ''))) {
      let end = i;
      if (footnote) {
        // The definition goes on through lazy lines and through blank lines followed by indented ones.
        while (end + 1 < lines.length) {
          const next = lines[end + 1]!;
          if (FOOTNOTE_DEFINITION.test(next) || LINK_DEFINITION.test(next) || FENCE.test(next)) break;
          if (next.trim() !== '') end++;
          else if (end + 2 < lines.length && INDENTED.test(lines[end + 2]!)) end += 2;
          else break;
        }
      } else {
        // A destination or a title may sit on the next line.
        const rest = link![2]!.trim();
        const next = lines[i + 1];
        if (next !== undefined && (rest === '' || /^\s*["'(]/.test(next)) && next.trim() !== '' && !LINK_DEFINITION.test(next)) end++;
      }
      definitions.push({
        kind: footnote ? 'footnote' : 'link',
        label: normalizeLabel(footnote ? footnote[1]! : link![1]!),
        text: lines.slice(i, end + 1).join('\n'),
        line: i,
      });
      for (let k = i; k <= end; k++) inDefinition[k] = true;
      i = end;
      blockStart = true;
      continue;
    }
    blockStart = /^ {0,3}(#{1,6}(\s|$)|([-*_])(\s*\3){2,}\s*$)/.test(line);
  }
  return { definitions, literal, inDefinition };
};

/** The first definition of each label wins, as CommonMark has it. */
const firstOfEach = (definitions: readonly MarkdownDefinition[]): MarkdownDefinition[] => {
  const seen = new Set<string>();
  return definitions.filter((d) => {
    const key = `${d.kind}:${d.label}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/** Footnote labels cited on one line, in order (inline code left out; a definition's own marker is not a citation). */
const footnoteCitations = (line: string, isDefinitionStart: boolean): string[] => {
  const text = (isDefinitionStart ? line.replace(FOOTNOTE_DEFINITION, '') : line).replace(/(`+)[\s\S]*?\1/g, '');
  return [...text.matchAll(/\[\^([^\]\s]{1,999})\]/g)].map((m) => normalizeLabel(m[1]!));
};

export interface BlockReferences {
  /** What to put before the block's own text: the definitions it cites but does not hold. Empty when none. */
  prelude: string;
  /** Footnotes already cited before this block, in the document's order, and how many times each. */
  footnotesBefore: { order: string[]; counts: Record<string, number> };
}

export interface FootnotesSection {
  /**
   * Markdown that renders to the document's footnotes section (and, before it, one citation of the first
   * footnote, which the renderer drops): every footnote definition, with the link definitions they cite.
   */
  text: string;
  /** Footnotes in the order the document first cites them, and how many citations each has before `text`'s own. */
  order: string[];
  counts: Record<string, number>;
}

export interface DocumentReferences {
  blocks: BlockReferences[];
  /** The footnotes section of the whole document, as one more block after the others; null when no defined footnote is cited. */
  footnotes: FootnotesSection | null;
}

/** Labels a text may cite: every innermost bracketed run, normalized (`^x` for footnotes). Over-inclusive, never under. */
const bracketed = (text: string): Set<string> => new Set([...text.matchAll(/\[([^[\]]{1,999})\]/g)].map((m) => normalizeLabel(m[1]!)));

/** A label the bracket scan may not see whole (brackets or escapes inside): always carried. */
const oddLabel = (d: MarkdownDefinition): boolean => /[\\[\]]/.test(d.label);

/** The definitions (of `pool`) that `text` cites, and those that the footnotes among them cite in turn. */
const citedBy = (text: string, pool: readonly MarkdownDefinition[]): MarkdownDefinition[] => {
  const chosen = new Set<MarkdownDefinition>();
  let scan = text;
  for (;;) {
    const labels = bracketed(scan);
    const added = pool.filter((d) => !chosen.has(d) && (d.kind === 'footnote' ? labels.has(`^${d.label}`) : labels.has(d.label) || oddLabel(d)));
    if (added.length === 0) break;
    for (const d of added) chosen.add(d);
    scan = added.filter((d) => d.kind === 'footnote').map((d) => d.text).join('\n');
    if (scan === '') break;
  }
  return pool.filter((d) => chosen.has(d));
};

const preludeOf = (definitions: readonly MarkdownDefinition[]): string => (definitions.length > 0 ? `${definitions.map((d) => d.text).join('\n\n')}\n\n` : '');

/**
 * For blocks cut from `markdown` at line boundaries (`blockLines[i]` = the number of lines of block i), what each
 * block needs to render as it would inside the whole document. Null when the document defines nothing.
 */
export const documentReferences = (markdown: string, blockLines: readonly number[]): DocumentReferences | null => {
  if (!mayHaveDefinitions(markdown)) return null;
  const lines = markdown.split('\n');
  const { definitions, literal, inDefinition } = scan(lines);
  if (definitions.length === 0) return null;
  const first = firstOfEach(definitions);
  const footnoteLabels = new Set(first.filter((d) => d.kind === 'footnote').map((d) => d.label));
  const defStarts = new Set(definitions.map((d) => d.line));

  const order: string[] = [];
  const counts: Record<string, number> = {};
  const blocks: BlockReferences[] = [];
  let line = 0;
  for (const length of blockLines) {
    const from = line;
    const to = line + length;
    line = to;
    const footnotesBefore = { order: [...order], counts: { ...counts } };
    for (let i = from; i < to; i++) {
      // Citations inside footnote definitions are numbered as the footnotes section renders, not here.
      if (literal[i] || (inDefinition[i] && !defStarts.has(i)) || (defStarts.has(i) && FOOTNOTE_DEFINITION.test(lines[i]!))) continue;
      for (const label of footnoteCitations(lines[i]!, defStarts.has(i))) {
        if (!footnoteLabels.has(label)) continue;
        if (counts[label] === undefined) order.push(label);
        counts[label] = (counts[label] ?? 0) + 1;
      }
    }
    // The block gets the first definitions it cites but does not hold itself (they render as nothing).
    const elsewhere = first.filter((d) => d.line < from || d.line >= to);
    blocks.push({ prelude: preludeOf(citedBy(lines.slice(from, to).join('\n'), elsewhere)), footnotesBefore });
  }
  if (order.length === 0) return { blocks, footnotes: null };
  const notes = first.filter((d) => d.kind === 'footnote');
  const notesText = notes.map((d) => d.text).join('\n\n');
  const links = citedBy(notesText, first.filter((d) => d.kind === 'link'));
  const [firstCited] = order;
  return {
    blocks,
    footnotes: {
      text: `${preludeOf(links)}[^${firstCited!}]\n\n${notesText}`,
      order,
      // The one citation in `text` is counted by the renderer itself.
      counts: { ...counts, [firstCited!]: counts[firstCited!]! - 1 },
    },
  };
};
