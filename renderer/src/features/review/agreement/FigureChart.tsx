import { useId } from 'react';

export interface ChartBar {
  label: string;
  value: number | null;
}

const LABEL_W = 330;
const PLOT_W = 360;
const VALUE_W = 80;
const ROW_H = 30;
const TOP = 26;

/**
 * Horizontal bars on a fixed scale (from `min` to 1, zero marked), drawn as plain SVG. The picture is
 * described for screen readers by its title and a text list of the values; the table beside it has the same
 * figures, so nothing is only in the chart.
 */
export function FigureChart({ title, bars, min = -1 }: { title: string; bars: readonly ChartBar[]; min?: -1 | 0 }) {
  const id = useId();
  const height = TOP + bars.length * ROW_H + 8;
  const x = (v: number): number => LABEL_W + ((v - min) / (1 - min)) * PLOT_W;
  const ticks = min === -1 ? [-1, -0.5, 0, 0.5, 1] : [0, 0.25, 0.5, 0.75, 1];
  const description = bars.map((b) => `${b.label}: ${b.value === null ? 'undefined' : b.value.toFixed(3)}`).join('; ');
  return (
    <svg
      className="figure-chart"
      viewBox={`0 0 ${LABEL_W + PLOT_W + VALUE_W} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {ticks.map((t) => (
        <g key={t} aria-hidden="true">
          <line className={t === 0 ? 'figure-zero' : 'figure-grid'} x1={x(t)} x2={x(t)} y1={TOP - 6} y2={height - 4} />
          <text className="figure-tick" x={x(t)} y={TOP - 10} textAnchor="middle">
            {t}
          </text>
        </g>
      ))}
      {bars.map((b, i) => {
        const y = TOP + i * ROW_H;
        const zero = x(Math.max(0, min));
        const end = b.value === null ? zero : x(Math.max(min, Math.min(1, b.value)));
        return (
          <g key={b.label} aria-hidden="true">
            <text className="figure-label" x={LABEL_W - 10} y={y + ROW_H / 2 + 4} textAnchor="end">
              {b.label}
            </text>
            {b.value !== null && <rect className={b.value < 0 ? 'figure-bar is-negative' : 'figure-bar'} x={Math.min(zero, end)} y={y + 6} width={Math.max(1, Math.abs(end - zero))} height={ROW_H - 12} rx={2} />}
            <text className="figure-value" x={LABEL_W + PLOT_W + 8} y={y + ROW_H / 2 + 4}>
              {b.value === null ? 'undefined' : b.value.toFixed(3)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
