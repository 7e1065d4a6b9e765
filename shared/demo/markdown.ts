/**
 * Tag for the demo texts. They are heavy in LaTeX, so they are raw templates (one backslash means one
 * backslash). A raw template cannot hold a backtick, so the texts write ‵ (U+2035, reversed prime) where
 * markdown needs a backtick; this tag puts the backticks back.
 */
export const md = (strings: TemplateStringsArray, ...values: readonly unknown[]): string =>
  String.raw({ raw: strings.raw }, ...values).replaceAll('\u2035', '`');
