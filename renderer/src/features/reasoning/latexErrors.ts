import katex from 'katex';
import { normalizeMathDelimiters } from '@shared/markdown/mathDelimiters';

const MATH = /\$\$([\s\S]+?)\$\$|\$([^$\n]+?)\$/g;

/** The LaTeX errors of a step, each with the formula it is in, so the editor can say where the problem is. */
export const latexErrors = (markdown: string): { tex: string; message: string }[] => {
  const errors: { tex: string; message: string }[] = [];
  for (const m of normalizeMathDelimiters(markdown).matchAll(MATH)) {
    const tex = m[1] ?? m[2] ?? '';
    try {
      katex.renderToString(tex, { throwOnError: true, strict: 'ignore', trust: false, maxExpand: 500, displayMode: m[1] !== undefined });
    } catch (error) {
      const message = error instanceof Error ? error.message.replace(/^KaTeX parse error: /, '') : String(error);
      errors.push({ tex, message });
    }
  }
  return errors;
};
