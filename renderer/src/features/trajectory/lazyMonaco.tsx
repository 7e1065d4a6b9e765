import { lazy, Suspense, useEffect, useState } from 'react';
import type { CodeViewProps } from './monaco/MonacoViews';

/**
 * Monaco is loaded only when a trajectory task opens (its own chunk, never in the first bundle). Until it is
 * ready the text shows as plain, selectable text, so nothing waits on the editor to be read.
 */
const LazyCodeView = lazy(() => import('./monaco/MonacoViews'));
const LazyFileDiff = lazy(() => import('./monaco/MonacoViews').then((m) => ({ default: m.FileDiffView })));

/** True from the frame after the first paint: the step shows at once, the editor is built right after. */
function useAfterFirstPaint(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setReady(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);
  return ready;
}

export function CodeView(props: CodeViewProps) {
  const ready = useAfterFirstPaint();
  const fallback = (
    <pre className="code-fallback" aria-label={props.label}>
      {props.value}
    </pre>
  );
  if (!ready) return fallback;
  return (
    <Suspense fallback={fallback}>
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
