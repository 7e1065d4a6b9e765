import type { RankingAnnotation } from '@shared/domain';
import { setGraded } from '@shared/ranking';
import { editRanking } from './useRanking';

const SCALE: { value: number; label: string }[] = [
  { value: -3, label: 'A much better' },
  { value: -2, label: 'A better' },
  { value: -1, label: 'A slightly better' },
  { value: 0, label: 'Tie' },
  { value: 1, label: 'B slightly better' },
  { value: 2, label: 'B better' },
  { value: 3, label: 'B much better' },
];

/** With exactly two responses: a 7-point preference, which also sets the ranking it implies. */
export function GradedPreference({ annotation, readOnly, error }: { annotation: RankingAnnotation; readOnly: boolean; error: string | undefined }) {
  return (
    <fieldset className={`judgement-block graded${error ? ' has-error' : ''}`}>
      <legend>Preference</legend>
      <div className="graded-scale" role="radiogroup" aria-label="Graded preference between A and B">
        {SCALE.map((point) => (
          <label key={point.value} className={`graded-point${annotation.graded === point.value ? ' is-selected' : ''}`}>
            <input
              type="radio"
              name="graded"
              value={point.value}
              checked={annotation.graded === point.value}
              disabled={readOnly}
              onChange={() => editRanking((a) => setGraded(a, point.value))}
            />
            <span>{point.label}</span>
          </label>
        ))}
      </div>
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
