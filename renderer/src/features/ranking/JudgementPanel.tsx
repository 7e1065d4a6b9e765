import { useMemo, useRef } from 'react';
import type { RankingPayload } from '@shared/domain';
import { validateRanking, type Issue } from '@shared/ranking';
import { useDraftStore } from '../workspace/draftStore';
import { GradedPreference } from './GradedPreference';
import { Justification } from './Justification';
import { RankBoard } from './RankBoard';
import { RatingsGrid } from './RatingsGrid';
import { SpanList } from './SpanList';
import { editRanking, useRankingAnnotation } from './useRanking';

interface Props {
  payload: RankingPayload;
  showValidation: boolean;
  onSubmitRequest(): void;
  acknowledged: ReadonlySet<string>;
  onAcknowledge(code: string, yes: boolean): void;
}

const firstFor = (issues: Issue[], prefix: string) => issues.find((i) => i.field === prefix || i.field.startsWith(`${prefix}.`))?.message;

/** Everything the expert decides about the responses, with validation shown at the field it concerns. */
export function JudgementPanel({ payload, showValidation, onSubmitRequest, acknowledged, onAcknowledge }: Props) {
  const annotation = useRankingAnnotation();
  const readOnly = useDraftStore((s) => s.readOnly);
  const justification = useRef<HTMLTextAreaElement>(null);
  const validation = useMemo(() => (annotation ? validateRanking(payload, annotation) : { errors: [], warnings: [] }), [payload, annotation]);
  if (!annotation) return null;

  const errors = showValidation ? validation.errors : [];
  const errorMap = new Map(errors.map((e) => [e.field, e.message]));
  const pendingWarnings = validation.warnings.filter((w) => !acknowledged.has(w.code));

  const cite = (citation: string) => {
    const area = justification.current;
    const current = annotation.justification;
    const at = area ? area.selectionStart : current.length;
    const next = `${current.slice(0, at)}${citation}${current.slice(at)}`;
    editRanking((a) => ({ ...a, justification: next }));
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(at + citation.length, at + citation.length);
    });
  };

  return (
    <aside className="judgement-panel" aria-label="Judgement">
      {annotation.displayOrder.length === 2 ? (
        <GradedPreference annotation={annotation} readOnly={readOnly} error={errorMap.get('graded')} />
      ) : (
        <RankBoard annotation={annotation} readOnly={readOnly} error={firstFor(errors, 'ranks')} />
      )}
      {annotation.displayOrder.length === 2 && errorMap.has('ranks') && <p className="field-error">{firstFor(errors, 'ranks')}</p>}
      <fieldset className="judgement-block flags">
        <legend>Flags</legend>
        <label>
          <input
            type="checkbox"
            checked={annotation.flags.allBad}
            disabled={readOnly}
            onChange={(e) => editRanking((a) => ({ ...a, flags: { ...a.flags, allBad: e.target.checked } }))}
          />
          All responses are bad
        </label>
        <label>
          <input
            type="checkbox"
            checked={annotation.flags.notRankable}
            disabled={readOnly}
            onChange={(e) => editRanking((a) => ({ ...a, flags: { ...a.flags, notRankable: e.target.checked } }))}
          />
          Not rankable (broken prompt or responses)
        </label>
      </fieldset>
      <RatingsGrid annotation={annotation} rubric={payload.rubric} readOnly={readOnly} errors={errorMap} />
      <div className="judgement-block">
        <h3 className="block-title">Highlights</h3>
        <SpanList annotation={annotation} responses={payload.responses} readOnly={readOnly} onCite={cite} />
        {firstFor(errors, 'spans') && <p className="field-error">{firstFor(errors, 'spans')}</p>}
      </div>
      <Justification ref={justification} minLength={payload.rubric.minJustificationLength} readOnly={readOnly} error={errorMap.get('justification')} />
      {!readOnly && (
        <div className="submit-block">
          {showValidation && errors.length > 0 && (
            <p className="field-error" role="alert">
              {errors.length} {errors.length === 1 ? 'thing needs' : 'things need'} fixing before you can submit.
            </p>
          )}
          {showValidation &&
            validation.warnings.map((w) => (
              <label key={w.code} className="warning">
                <input type="checkbox" checked={acknowledged.has(w.code)} onChange={(e) => onAcknowledge(w.code, e.target.checked)} />
                <span>
                  {w.message}. <em>I checked this; submit anyway.</em>
                </span>
              </label>
            ))}
          <button
            type="button"
            className="button primary submit-button"
            onClick={onSubmitRequest}
            aria-disabled={showValidation && (errors.length > 0 || pendingWarnings.length > 0)}
          >
            Submit <kbd>Ctrl</kbd>
            <kbd>Enter</kbd>
          </button>
        </div>
      )}
    </aside>
  );
}
