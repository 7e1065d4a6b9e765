import type { ActivityFlag } from '@shared/review/activitySignals';
import { formatDuration } from './reviewFormat';

export const FLAG_TEXT: Record<ActivityFlag, string> = {
  fast: 'fast: under half the project median',
  pastes: 'large pastes',
  expert_flag: 'flagged by the expert',
};

/** "12 min (median 20 min)" and the flags, for a queue row. */
export function ActivitySummary({ activeSeconds, medianSeconds, pastes, pastedChars, flags }: { activeSeconds: number; medianSeconds: number | null; pastes: number; pastedChars: number; flags: readonly ActivityFlag[] }) {
  return (
    <span className="activity-summary">
      <span className="muted">
        {formatDuration(activeSeconds)} active{medianSeconds !== null ? ` · median ${formatDuration(medianSeconds)}` : ''}
      </span>
      {pastes > 0 && (
        <span className="activity-flag flag-pastes" title="Large pastes into a justification or a step (size and time only)">
          {pastes} paste{pastes === 1 ? '' : 's'}, {pastedChars.toLocaleString()} chars
        </span>
      )}
      {flags
        .filter((f) => f !== 'pastes')
        .map((f) => (
          <span key={f} className={`activity-flag flag-${f}`}>
            {FLAG_TEXT[f]}
          </span>
        ))}
    </span>
  );
}
