/** Every character the rules below start from: text without any of them only has its whitespace collapsed. */
export const MARKUP_CHARS = /[`#>[*~_$]/;

/**
 * Every run of whitespace as one space. Only what is not already a single space is replaced: `/\s+/g` replaced every
 * space between two words with another, ten times slower on a prompt (a search window flattens 100 of them).
 */
const COLLAPSIBLE_WHITESPACE = /\s{2,}|[^\S ]/g;

/**
 * A rough plain-text reading of markdown for one-line previews: drops heading marks, emphasis, code
 * fences, link targets and math dollars, keeping the words. Not a renderer: for excerpts only.
 */
export const plainTextOf = (markdown: string): string =>
  MARKUP_CHARS.test(markdown) ? stripMarkup(markdown) : markdown.replace(COLLAPSIBLE_WHITESPACE, ' ').trim();

const stripMarkup = (markdown: string): string =>
  markdown
    .replace(/```[^\n]*\n?/g, ' ')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|\*|`|~~)(?=\S)([^\n]*?\S)\1/g, '$2')
    .replace(/(?<![\p{L}\p{N}])(__|_)(?=\S)([^\n]*?\S)\1(?![\p{L}\p{N}])/gu, '$2')
    .replace(/\${1,2}([^$]+)\${1,2}/g, '$1')
    .replace(COLLAPSIBLE_WHITESPACE, ' ')
    .trim();
