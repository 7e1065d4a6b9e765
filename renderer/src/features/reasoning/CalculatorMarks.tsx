import type { CalculatorCheck } from '@shared/reasoning';

/** The GSM8K calculator annotations of a step that do not add up, said plainly under the step. */
export function CalculatorMarks({ checks }: { checks: readonly CalculatorCheck[] }) {
  const wrong = checks.filter((c) => c.status === 'wrong');
  if (wrong.length === 0) return null;
  return (
    <ul className="calc-marks" aria-label="Wrong calculations">
      {wrong.map((c) => (
        <li key={`${c.start}`} className="calc-wrong">
          Calculator: <code>{c.expression}</code> is <strong>{formatNumber(c.computed)}</strong>, not <code>{c.stated}</code>
        </li>
      ))}
    </ul>
  );
}

const formatNumber = (n: number | null) => (n === null ? '?' : Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6));
