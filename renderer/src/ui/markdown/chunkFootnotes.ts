import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { FootnoteReference } from 'mdast';
import { defaultHandlers, type Handler, type State } from 'mdast-util-to-hast';

/**
 * Footnotes of a response rendered in blocks (see splitMarkdownForRender): each block numbers its citations
 * from the document's order so far, and its own footnotes section is dropped; one last block renders only the
 * section, for the whole document. The HTML is then the same as the unsplit document's.
 */
export interface ChunkFootnotes {
  /** `block`: a block of the text; `section`: the footnotes section alone. */
  mode: 'block' | 'section';
  /** Footnote labels (normalized) cited before this block, in order, and how many times each. */
  order: readonly string[];
  counts: Readonly<Record<string, number>>;
}

/** mdast-util-to-hast numbers footnotes from its state: seed it with the citations that came before. */
const seededReference = (seed: ChunkFootnotes): Handler => {
  const seeded = new WeakSet<State>();
  return (state: State, node: FootnoteReference) => {
    if (!seeded.has(state)) {
      seeded.add(state);
      state.footnoteOrder.push(...seed.order.filter((label) => !state.footnoteOrder.includes(label)));
      for (const [label, count] of Object.entries(seed.counts)) state.footnoteCounts.set(label, (state.footnoteCounts.get(label) ?? 0) + count);
    }
    return defaultHandlers.footnoteReference(state, node);
  };
};

export const footnoteHandlers = (seed: ChunkFootnotes) => ({ footnoteReference: seededReference(seed) });

const isSection = (node: RootContent | ElementContent): node is Element => node.type === 'element' && node.tagName === 'section' && node.properties.dataFootnotes !== undefined;

/** Keeps a block's footnotes section out (`block`), or keeps nothing but it (`section`). */
export const rehypeChunkFootnotes = (mode: ChunkFootnotes['mode']) => () => (tree: Root) => {
  const at = tree.children.findIndex(isSection);
  if (mode === 'section') {
    tree.children = at === -1 ? [] : [tree.children[at]!];
    return;
  }
  if (at === -1) return;
  const before = tree.children[at - 1];
  const from = before?.type === 'text' && before.value.trim() === '' ? at - 1 : at;
  tree.children.splice(from, at - from + 1);
};
