import type { ReactNode } from 'react';

/** Text with the given [start, end) ranges marked; every part stays a React text node (never HTML). */
export function Highlighted({ text, ranges }: { text: string; ranges?: readonly (readonly [number, number])[] }) {
  if (!ranges || ranges.length === 0) return <>{text}</>;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start < at || end > text.length || end <= start) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
