import { useRef } from 'react';
import type { RankingAnnotation, Rubric } from '@shared/domain';
import { blindLabel } from '@shared/ranking';
import { editRanking } from './useRanking';
import { CommentBadge } from '../comments/CommentBadge';
import { commentTargetProps } from '../comments/commentTargets';

interface Props {
  annotation: RankingAnnotation;
  rubric: Rubric;
  readOnly: boolean;
  errors: ReadonlyMap<string, string>;
}

const setRating = (responseId: string, criterionId: string, value: number | null) =>
  editRanking((a) => {
    const forResponse = { ...(a.ratings[responseId] ?? {}) };
    if (value === null) delete forResponse[criterionId];
    else forResponse[criterionId] = value;
    return { ...a, ratings: { ...a.ratings, [responseId]: forResponse } };
  });

/**
 * Per-response ratings on the rubric's criteria. Type a number in a cell and focus moves on to the next,
 * so a whole rubric is entered from the keyboard in one pass.
 */
export function RatingsGrid({ annotation, rubric, readOnly, errors }: Props) {
  const grid = useRef<HTMLTableElement>(null);
  if (rubric.criteria.length === 0) return null;
  const cells = () => [...(grid.current?.querySelectorAll<HTMLInputElement>('input[data-rating-cell]') ?? [])];
  const messages = [...errors.entries()].filter(([field]) => field.startsWith('ratings.')).map(([, m]) => m);

  return (
    <fieldset className={`judgement-block ratings${messages.length ? ' has-error' : ''}`}>
      <legend>Ratings</legend>
      <table ref={grid} className="ratings-grid">
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            {annotation.displayOrder.map((id, i) => (
              <th key={id} scope="col">
                {blindLabel(i)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rubric.criteria.map((c) => (
            <tr key={c.id}>
              <th scope="row" title={c.description}>
                {c.label}
                <span className="scale">
                  {c.scale.min}–{c.scale.max}
                </span>
              </th>
              {annotation.displayOrder.map((id, i) => {
                const value = annotation.ratings[id]?.[c.id];
                const field = `ratings.${id}.${c.id}`;
                const width = String(c.scale.max).length;
                return (
                  <td key={id} {...commentTargetProps({ kind: 'ratingCell', criterionId: c.id, responseId: id }, `${c.label} of response ${blindLabel(i)}`)}>
                    <input
                      data-rating-cell
                      className={errors.has(field) ? 'has-error' : undefined}
                      type="text"
                      inputMode="numeric"
                      maxLength={width}
                      aria-label={`${c.label} of response ${blindLabel(i)}, ${c.scale.min} to ${c.scale.max}`}
                      aria-invalid={errors.has(field)}
                      value={value ?? ''}
                      disabled={readOnly}
                      onFocus={(e) => e.currentTarget.select()}
                      onChange={(e) => {
                        const text = e.target.value.trim();
                        if (text === '') return setRating(id, c.id, null);
                        const n = Number(text);
                        if (!Number.isInteger(n) || n < c.scale.min || n > c.scale.max) return;
                        setRating(id, c.id, n);
                        if (text.length >= width) {
                          const all = cells();
                          all[all.indexOf(e.target) + 1]?.focus();
                        }
                      }}
                    />
                    <CommentBadge anchor={{ kind: 'ratingCell', criterionId: c.id, responseId: id }} label={`${c.label} of response ${blindLabel(i)}`} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {messages.length > 0 && <p className="field-error">{messages[0]}{messages.length > 1 ? ` (and ${messages.length - 1} more)` : ''}</p>}
    </fieldset>
  );
}
