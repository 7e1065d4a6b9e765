import { AnsiText } from './AnsiText';
import { useTrajectoryView } from './useTrajectory';

/** Longer observations show their head; "Show all" (or `o`) shows them whole. Stored whole either way. */
const MAX_LINES = 60;
const MAX_CHARS = 12_000;

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

export function Observation({ stepId, text }: { stepId: string; text: string }) {
  const expanded = useTrajectoryView((s) => s.expanded.has(stepId));
  const head = expanded ? null : headOf(text);
  if (text === '') return <p className="muted">No observation.</p>;
  return (
    <div className="observation-block">
      <pre className="observation" tabIndex={0} aria-label="Observation">
        <AnsiText text={head ?? text} />
      </pre>
      {head !== null && (
        <button type="button" className="button show-all" onClick={() => useTrajectoryView.getState().expand(stepId)}>
          Show all ({countLines(text)} lines, {sizeText(text.length)}) <kbd>o</kbd>
        </button>
      )}
    </div>
  );
}
