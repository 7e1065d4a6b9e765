import * as monaco from 'monaco-editor/editor/editor.api';
import { loader } from '@monaco-editor/react';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import './editorContributions';
import { defineAssayThemes, registerDiffLanguage } from './diffLanguage';

/**
 * Monaco from the app's own bundle: its editor worker is a bundled module worker served from `self`
 * (the CSP's worker-src), @monaco-editor/react is pointed at this copy so it never fetches a CDN loader,
 * and nothing here evaluates strings as code (no unsafe-eval). Loaded only by the trajectory workspace.
 */
declare global {
  interface Window {
    MonacoEnvironment?: monaco.Environment;
  }
}

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

registerDiffLanguage(monaco);
defineAssayThemes(monaco);
performance.mark('assay:monaco-ready');
loader.config({ monaco });

export { monaco };
