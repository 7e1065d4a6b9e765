import type * as Monaco from 'monaco-editor/editor/editor.api';

/** A Monarch tokenizer for unified diffs (Monaco ships none): headers, hunks, added and removed lines. */
export const registerDiffLanguage = (monaco: typeof Monaco) => {
  if (monaco.languages.getLanguages().some((l) => l.id === 'diff')) return;
  monaco.languages.register({ id: 'diff', extensions: ['.diff', '.patch'] });
  monaco.languages.setMonarchTokensProvider('diff', {
    tokenizer: {
      root: [
        [/^(diff --git|index |new file mode|deleted file mode|similarity index|rename (from|to)).*$/, 'keyword'],
        [/^(---|\+\+\+) .*$/, 'type'],
        [/^@@.*@@.*$/, 'tag'],
        [/^\+.*$/, 'inserted'],
        [/^-.*$/, 'deleted'],
        [/^\\.*$/, 'comment'],
      ],
    },
  });
};

/** Light and dark themes with the diff colours the app uses elsewhere (green added, red removed). */
export const defineAssayThemes = (monaco: typeof Monaco) => {
  monaco.editor.defineTheme('assay-light', {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'inserted', foreground: '1b7f3b' },
      { token: 'deleted', foreground: 'b3261e' },
      { token: 'tag', foreground: '6b32b0' },
      // Darker than Monaco's defaults so they stay at 4.5:1 on the diff editor's green and red line backgrounds.
      { token: 'comment', foreground: '1b5e20' },
      { token: 'number', foreground: '0b5a3c' },
      { token: 'regexp', foreground: '6e2b0f' },
    ],
    colors: {
      'editorLineNumber.foreground': '#5f5f59',
      'diffEditor.insertedLineBackground': '#eaf5e4',
      'diffEditor.insertedTextBackground': '#d3ecc8',
      'diffEditor.removedLineBackground': '#fbeceb',
      'diffEditor.removedTextBackground': '#f6d5d2',
    },
  });
  monaco.editor.defineTheme('assay-dark', {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'inserted', foreground: '7bd88f' },
      { token: 'deleted', foreground: 'ff8a80' },
      { token: 'tag', foreground: 'c39bff' },
      { token: 'comment', foreground: '9fcf8f' },
      { token: 'keyword', foreground: '8cc4ff' },
      { token: 'string', foreground: 'f0b090' },
      { token: 'type', foreground: '7fe0c8' },
    ],
    colors: {
      'editor.background': '#1f1f1d',
      'editorLineNumber.foreground': '#a3a39c',
      // Dim line backgrounds, so code colours keep 4.5:1 on added and removed lines.
      'diffEditor.insertedLineBackground': '#15281a',
      'diffEditor.insertedTextBackground': '#1c3a23',
      'diffEditor.removedLineBackground': '#2d1715',
      'diffEditor.removedTextBackground': '#43201c',
    },
  });
};
