import { memo, useMemo } from 'react';
import { parseAnsi, type AnsiStyle } from '@shared/trajectory';

const styleOf = (s: AnsiStyle): { className: string; style?: React.CSSProperties } => {
  const classes: string[] = [];
  const style: React.CSSProperties = {};
  if (typeof s.fg === 'number') classes.push(`ansi-fg-${s.fg}`);
  else if (s.fg) style.color = s.fg;
  if (typeof s.bg === 'number') classes.push(`ansi-bg-${s.bg}`);
  else if (s.bg) style.backgroundColor = s.bg;
  if (s.bold) classes.push('ansi-bold');
  if (s.dim) classes.push('ansi-dim');
  if (s.italic) classes.push('ansi-italic');
  if (s.underline) classes.push('ansi-underline');
  return Object.keys(style).length > 0 ? { className: classes.join(' '), style } : { className: classes.join(' ') };
};

/** Terminal output with its colours, as text: control sequences are dropped, nothing is parsed as markup. */
export const AnsiText = memo(function AnsiText({ text }: { text: string }) {
  const runs = useMemo(() => parseAnsi(text), [text]);
  return (
    <>
      {runs.map((run, i) =>
        run.style === null ? (
          run.text
        ) : (
          <span key={i} {...styleOf(run.style)}>
            {run.text}
          </span>
        ),
      )}
    </>
  );
});
