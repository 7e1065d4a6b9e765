import { lazy, Suspense } from 'react';
import type { CodeViewProps } from './monaco/MonacoViews';

/**
 * Monaco is loaded only when a trajectory task opens (its own chunk, never in the first bundle). Until it is
 * ready the text shows as plain, selectable text, so nothing waits on the editor to be read.
 */
const LazyCodeView = lazy(() => import('./monaco/MonacoViews'));
const LazyFileDiff = lazy(() => import('./monaco/MonacoViews').then((m) => ({ default: m.FileDiffView })));

export function CodeView(props: CodeViewProps) {
  return (
    <Suspense fallback={<pre className="code-fallback" aria-label={props.label}>{props.value}</pre>}>
      <LazyCodeView {...props} />
    </Suspense>
  );
}

export function FileDiff(props: { original: string; modified: string; path: string; height: number | string }) {
  return (
    <Suspense fallback={<p className="code-fallback">Loading the diff…</p>}>
      <LazyFileDiff {...props} />
    </Suspense>
  );
}
