import { useCallback, useMemo, useState } from 'react';
import type { RankingPayload } from '@shared/domain';
import { blindLabel, validateRanking } from '@shared/ranking';
import { useKeymap } from '../shortcuts/keymap';
import { useDraftStore } from '../workspace/draftStore';
import { ConversationPanel } from './ConversationPanel';
import { JudgementPanel } from './JudgementPanel';
import { rankingKeymap, responseIndexOf } from './rankingKeymap';
import { ResponseColumns } from './ResponseColumns';
import { ResponseDiff } from './ResponseDiff';
import { SpanComposer, type PendingSelection } from './SpanComposer';

const EMPTY = new Set<string>();

/** Side-by-side ranking: the prompt on top, blinded responses in columns, the judgement on the right. */
export function RankingWorkspace({ payload }: { payload: RankingPayload }) {
  const [selection, setSelection] = useState<PendingSelection | null>(null);
  const [showDiff, setShowDiff] = useState(false);
  const [showValidation, setShowValidation] = useState(false);
  const [acknowledged, setAcknowledged] = useState<Set<string>>(new Set());
  const displayOrder = useDraftStore((s) => (s.annotation?.kind === 'ranking' ? s.annotation.displayOrder : null));
  const rankErrorKey = useDraftStore((s) =>
    showValidation && s.annotation?.kind === 'ranking'
      ? validateRanking(payload, s.annotation)
          .errors.map((e) => e.field)
          .filter((f) => f.startsWith('ranks.'))
          .join('|')
      : '',
  );
  const errorFields = useMemo(() => (rankErrorKey ? new Set(rankErrorKey.split('|')) : EMPTY), [rankErrorKey]);
  const ordered = useMemo(() => {
    const byId = new Map(payload.responses.map((r) => [r.id, r]));
    return (displayOrder ?? []).map((id) => byId.get(id)).filter((r) => r !== undefined);
  }, [payload, displayOrder]);

  const requestSubmit = useCallback(async () => {
    const annotation = useDraftStore.getState().annotation;
    if (annotation?.kind !== 'ranking' || useDraftStore.getState().readOnly) return;
    const { errors, warnings } = validateRanking(payload, annotation);
    setShowValidation(true);
    if (errors.length > 0 || warnings.some((w) => !acknowledged.has(w.code))) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>('.judgement-panel .has-error, .judgement-panel .warning input')?.scrollIntoView({ block: 'center' }));
      return;
    }
    await useDraftStore.getState().submit();
  }, [payload, acknowledged]);

  // The keys come from rankingKeymap, which also feeds the `?` list.
  useKeymap(rankingKeymap, {
    submit: () => void requestSubmit(),
    focusResponse: (press) => {
      const index = responseIndexOf(press);
      if (index >= ordered.length) return false;
      const column = document.querySelector<HTMLElement>(`[data-response-label="${blindLabel(index)}"] .response-body`);
      if (!column) return false;
      column.focus();
    },
  });

  return (
    <div className="ranking-workspace">
      <ConversationPanel conversation={payload.conversation} />
      <div className="ranking-body">
        <div className="ranking-responses">
          {showDiff ? (
            <ResponseDiff ordered={ordered} onClose={() => setShowDiff(false)} />
          ) : (
            <ResponseColumns responses={payload.responses} errorFields={errorFields} onSelectText={setSelection} />
          )}
          {!showDiff && (
            <button type="button" className="link-button diff-toggle" onClick={() => setShowDiff(true)}>
              Compare two responses word by word
            </button>
          )}
        </div>
        <JudgementPanel
          payload={payload}
          showValidation={showValidation}
          onSubmitRequest={() => void requestSubmit()}
          acknowledged={acknowledged}
          onAcknowledge={(code, yes) => {
            const next = new Set(acknowledged);
            if (yes) next.add(code);
            else next.delete(code);
            setAcknowledged(next);
          }}
        />
      </div>
      {selection && <SpanComposer selection={selection} payload={payload} onDone={() => setSelection(null)} />}
    </div>
  );
}
