import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useAppStore } from '../../state/appStore';
import { useDraftStore } from '../workspace/draftStore';
import { AnsiText } from './AnsiText';
import { useTrajectoryView } from './useTrajectory';

/** Whole observations fetched on "Show all", by task and step (the task opened with their heads only). */
const wholeTexts = new Map<string, string>();

/** The whole text once it is wanted: the head the task opened with, or the store's copy of a long one. */
function useWholeText(stepId: string, head: string, totalChars: number | null, wanted: boolean): string | null {
  const taskId = useDraftStore((s) => s.taskId);
  const key = `${taskId ?? ''}\u0000${stepId}`;
  const [, setLoaded] = useState(0);
  const cached = totalChars === null ? head : (wholeTexts.get(key) ?? null);
  useEffect(() => {
    if (!wanted || cached !== null || taskId === null) return;
    let live = true;
    void api()
      .getStepObservation({ taskId, stepId })
      .then((r) => {
        if (!r.ok) return useAppStore.getState().notifyError(r.error);
        wholeTexts.set(key, r.value.text);
        if (live) setLoaded((n) => n + 1);
      });
    return () => {
      live = false;
    };
  }, [wanted, cached, taskId, stepId, key]);
  return cached;
}

/** Longer observations show their head; "Show all" (or `o`) shows them whole. Stored whole either way. */
const MAX_LINES = 60;
const MAX_CHARS = 4096;

const sizeText = (chars: number) => (chars >= 1024 * 1024 ? `${(chars / 1024 / 1024).toFixed(1)} MB` : chars >= 1024 ? `${(chars / 1024).toFixed(1)} KB` : `${chars} characters`);

/** The head of the text: at most MAX_LINES lines and MAX_CHARS characters, found without splitting it all. */
const headOf = (text: string): string | null => {
  let at = -1;
  for (let line = 0; line < MAX_LINES; line++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0 || at > MAX_CHARS) break;
  }
  const cut = at < 0 || at > MAX_CHARS ? MAX_CHARS : at;
  return text.length > cut ? text.slice(0, cut) : null;
};

const countLines = (text: string): number => {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

/**
 * A step's observation. `totalChars` is set when the task carries only the head of a long observation;
 * "Show all" then fetches the whole text from the store.
 */
export function Observation({ stepId, text, totalChars }: { stepId: string; text: string; totalChars: number | null }) {
  const expanded = useTrajectoryView((s) => s.expanded.has(stepId));
  const whole = useWholeText(stepId, text, totalChars, expanded);
  if (text === '') return <p className="muted">No observation.</p>;
  const shown = expanded ? (whole ?? text) : (headOf(text) ?? text);
  const collapsed = !expanded && (totalChars !== null || shown.length < text.length);
  const size = totalChars ?? text.length;
  return (
    <div className="observation-block">
      <pre className="observation" tabIndex={0} aria-label="Observation">
        <AnsiText text={shown} />
      </pre>
      {collapsed && (
        <button type="button" className="button show-all" onClick={() => useTrajectoryView.getState().expand(stepId)}>
          Show all ({totalChars === null ? `${countLines(text)} lines, ` : ''}
          {sizeText(size)}) <kbd>o</kbd>
        </button>
      )}
      {expanded && whole === null && <p className="muted">Loading the whole observation…</p>}
    </div>
  );
}
