import { DiffEditor, Editor, type OnMount } from '@monaco-editor/react';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { monaco } from './monacoSetup';

/** Options every Monaco in Assay shares: screen reader support on, no minimap, text only (no links opened). */
const BASE_OPTIONS = {
  accessibilitySupport: 'on',
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  automaticLayout: true,
  links: false,
  fontSize: 13,
  wordWrap: 'on',
  renderControlCharacters: true,
  unicodeHighlight: { ambiguousCharacters: true, invisibleCharacters: true },
  contextmenu: false,
} as const;

const themeOf = (dark: boolean) => (dark ? 'assay-dark' : 'assay-light');
/** Follows the app's theme live (it sets data-theme on <html>), so an open editor re-themes with the app. */
const subscribeTheme = (onChange: () => void) => {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
};
const useDark = () => useSyncExternalStore(subscribeTheme, () => document.documentElement.dataset.theme === 'dark');

export interface CodeViewProps {
  value: string;
  language: string;
  label: string;
  readOnly: boolean;
  height: number | string;
  onChange?: (value: string) => void;
  /** 1-based line to mark as failing (the hunk that does not apply). */
  errorLine?: number | null;
  errorMessage?: string;
}

export default function CodeView({ value, language, label, readOnly, height, onChange, errorLine, errorMessage }: CodeViewProps) {
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    editor.getDomNode()?.setAttribute('data-monaco-ready', 'true');
  };
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const markers =
      errorLine != null && errorLine >= 1
        ? [{ severity: monaco.MarkerSeverity.Error, message: errorMessage ?? 'This hunk does not apply', startLineNumber: errorLine, endLineNumber: errorLine, startColumn: 1, endColumn: model.getLineMaxColumn(Math.min(errorLine, model.getLineCount())) }]
        : [];
    monaco.editor.setModelMarkers(model, 'assay-patch-check', markers);
    if (errorLine != null) editorRef.current?.revealLineInCenterIfOutsideViewport(errorLine);
  });
  return (
    <div className="monaco-frame" data-testid={`monaco-${label}`}>
      <Editor
        value={value}
        language={language}
        theme={themeOf(useDark())}
        height={height}
        onMount={onMount}
        onChange={(v) => onChange?.(v ?? '')}
        loading={<pre className="code-fallback">{value}</pre>}
        options={{
          ...BASE_OPTIONS,
          readOnly,
          domReadOnly: readOnly,
          ariaLabel: label,
          lineNumbers: 'on',
          // A diff's lines start with ' ', '+' or '-': indenting or closing anything for the expert would corrupt it.
          ...(language === 'diff' ? { autoIndent: 'none', autoClosingBrackets: 'never', autoClosingQuotes: 'never', autoSurround: 'never', formatOnType: false } : {}),
        }}
      />
    </div>
  );
}

export function FileDiffView({ original, modified, path, height }: { original: string; modified: string; path: string; height: number | string }) {
  return (
    <div className="monaco-frame" data-testid="monaco-diff">
      <DiffEditor
        original={original}
        modified={modified}
        language={/\.py$/.test(path) ? 'python' : /\.(sh|bash)$/.test(path) ? 'shell' : 'plaintext'}
        theme={themeOf(useDark())}
        height={height}
        loading={<p className="code-fallback">Loading the diff…</p>}
        onMount={(editor) => {
          // The two inner editors take their screen-reader names from their own options.
          editor.getOriginalEditor().updateOptions({ ariaLabel: `${path} before the patch` });
          editor.getModifiedEditor().updateOptions({ ariaLabel: `${path} after the patch` });
        }}
        options={{
          ...BASE_OPTIONS,
          readOnly: true,
          originalEditable: false,
          renderSideBySide: true,
        }}
      />
    </div>
  );
}
