import { forwardRef } from 'react';
import { useDraftStore } from '../workspace/draftStore';
import { editRanking } from './useRanking';

interface Props {
  minLength: number;
  readOnly: boolean;
  error: string | undefined;
}

/** Subscribes to the justification alone: typing here re-renders nothing else. */
export const Justification = forwardRef<HTMLTextAreaElement, Props>(function Justification({ minLength, readOnly, error }, ref) {
  const text = useDraftStore((s) => (s.annotation?.kind === 'ranking' ? s.annotation.justification : ''));
  const length = text.trim().length;
  return (
    <div className={`judgement-block justification${error ? ' has-error' : ''}`}>
      <label htmlFor="justification">Justification</label>
      <textarea
        id="justification"
        ref={ref}
        value={text}
        readOnly={readOnly}
        rows={6}
        aria-invalid={Boolean(error)}
        aria-describedby="justification-count"
        placeholder="Why this ranking? Cite highlights like [A1]."
        onChange={(e) => editRanking((a) => ({ ...a, justification: e.target.value }), 'justification')}
      />
      <p id="justification-count" className={`counter${minLength > 0 && length < minLength ? ' short' : ''}`}>
        {length} {minLength > 0 ? `/ ${minLength} characters minimum` : 'characters'}
      </p>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
});
