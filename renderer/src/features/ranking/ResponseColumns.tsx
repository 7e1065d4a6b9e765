import { useCallback, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent, type UIEvent } from 'react';
import type { CandidateResponse, HighlightSpan } from '@shared/domain';
import { blindLabel, clearRank, setRank } from '@shared/ranking';
import { useDraftStore } from '../workspace/draftStore';
import { ResponseColumn } from './ResponseColumn';
import type { PendingSelection } from './SpanComposer';
import { editRanking, useRankingAnnotation } from './useRanking';

const MAX_SIDE_BY_SIDE = 4;
const NO_SPANS: HighlightSpan[] = [];

interface Props {
  responses: CandidateResponse[];
  errorFields: ReadonlySet<string>;
  onSelectText(selection: PendingSelection): void;
}

/** The blinded responses side by side, in this annotator's order, with resizable columns and optional synced scrolling. */
export function ResponseColumns({ responses, errorFields, onSelectText }: Props) {
  const displayOrder = useRankingAnnotation()?.displayOrder;
  const ranks = useDraftStore((s) => (s.annotation?.kind === 'ranking' ? s.annotation.ranks : undefined));
  const spans = useDraftStore((s) => (s.annotation?.kind === 'ranking' ? s.annotation.spans : NO_SPANS));
  const readOnly = useDraftStore((s) => s.readOnly);

  const ordered = useMemo(() => {
    const byId = new Map(responses.map((r) => [r.id, r]));
    return (displayOrder ?? responses.map((r) => r.id)).map((id) => byId.get(id)).filter((r): r is CandidateResponse => r !== undefined);
  }, [responses, displayOrder]);
  const spansByResponse = useMemo(() => {
    const map = new Map<string, HighlightSpan[]>();
    for (const s of spans) map.set(s.responseId, [...(map.get(s.responseId) ?? []), s]);
    return map;
  }, [spans]);

  const [layout, setLayout] = useState<'columns' | 'stacked'>(ordered.length > MAX_SIDE_BY_SIDE ? 'stacked' : 'columns');
  const [visible, setVisible] = useState<string[]>(() => ordered.slice(0, MAX_SIDE_BY_SIDE).map((r) => r.id));
  const [syncScroll, setSyncScroll] = useState(false);
  const shown = layout === 'stacked' ? ordered : ordered.filter((r) => visible.includes(r.id));
  const [widths, setWidths] = useState<number[]>([]);
  const columnWidths = widths.length === shown.length ? widths : shown.map(() => 1);

  const bodies = useRef<(HTMLDivElement | null)[]>([]);
  const syncing = useRef(false);
  const onScroll = useCallback(
    (e: UIEvent<HTMLDivElement>) => {
      if (!syncScroll || syncing.current) return;
      const source = e.currentTarget;
      const ratio = source.scrollTop / Math.max(1, source.scrollHeight - source.clientHeight);
      syncing.current = true;
      for (const body of bodies.current) {
        if (body && body !== source) body.scrollTop = ratio * (body.scrollHeight - body.clientHeight);
      }
      requestAnimationFrame(() => (syncing.current = false));
    },
    [syncScroll],
  );

  const rankers = useMemo(
    () =>
      new Map(
        ordered.map((r) => [r.id, (rank: number | null) => editRanking((a) => (rank === null ? clearRank(a, r.id) : setRank(a, r.id, rank)))]),
      ),
    [ordered],
  );

  const startResize = (index: number, e: ReactPointerEvent<HTMLDivElement>) => {
    const container = e.currentTarget.parentElement;
    if (!container) return;
    const startX = e.clientX;
    const start = [...columnWidths];
    const total = start.reduce((a, b) => a + b, 0);
    const pxPerUnit = container.clientWidth / total;
    const onMove = (ev: PointerEvent) => {
      const delta = (ev.clientX - startX) / pxPerUnit;
      const left = Math.max(0.25, start[index]! + delta);
      const right = Math.max(0.25, start[index + 1]! - (left - start[index]!));
      const next = [...start];
      next[index] = left;
      next[index + 1] = right;
      setWidths(next);
    };
    const onUp = () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
  };

  return (
    <div className="response-area">
      <div className="response-toolbar" role="toolbar" aria-label="Response view">
        {ordered.length > 2 && (
          <div className="segmented" role="group" aria-label="Layout">
            <button type="button" aria-pressed={layout === 'columns'} onClick={() => setLayout('columns')}>
              Side by side
            </button>
            <button type="button" aria-pressed={layout === 'stacked'} onClick={() => setLayout('stacked')}>
              Stacked
            </button>
          </div>
        )}
        {layout === 'columns' && ordered.length > MAX_SIDE_BY_SIDE && (
          <div className="visible-picker" role="group" aria-label="Responses shown side by side">
            {ordered.map((r, i) => (
              <label key={r.id}>
                <input
                  type="checkbox"
                  checked={visible.includes(r.id)}
                  disabled={!visible.includes(r.id) && visible.length >= MAX_SIDE_BY_SIDE}
                  onChange={(e) => setVisible(e.target.checked ? [...visible, r.id] : visible.filter((v) => v !== r.id))}
                />
                {blindLabel(i)}
              </label>
            ))}
          </div>
        )}
        {layout === 'columns' && (
          <label className="toggle">
            <input type="checkbox" checked={syncScroll} onChange={(e) => setSyncScroll(e.target.checked)} />
            Synchronized scrolling
          </label>
        )}
      </div>
      <div
        className={`response-columns-grid layout-${layout}`}
        style={layout === 'columns' ? { gridTemplateColumns: columnWidths.map((w) => `minmax(0, ${w}fr)`).join(' 6px ') } : undefined}
      >
        {shown.map((r, i) => {
          const label = blindLabel(ordered.indexOf(r));
          const column = (
            <ResponseColumn
              key={r.id}
              ref={(el) => {
                bodies.current[i] = el;
              }}
              response={r}
              label={label}
              rank={ranks?.[r.id]}
              responseCount={ordered.length}
              spans={spansByResponse.get(r.id) ?? NO_SPANS}
              readOnly={readOnly}
              hasError={errorFields.has(`ranks.${r.id}`)}
              onRank={rankers.get(r.id)!}
              onSelectText={onSelectText}
              onScroll={onScroll}
            />
          );
          if (layout === 'stacked' || i === shown.length - 1) return column;
          return [
            column,
            <div
              key={`${r.id}-resize`}
              className="column-resizer"
              role="separator"
              aria-orientation="vertical"
              aria-label={`Resize response ${label}`}
              onPointerDown={(e) => startResize(i, e)}
            />,
          ];
        })}
      </div>
    </div>
  );
}
