import { useState } from 'react';
import type { RankingAnnotation } from '@shared/domain';
import { blindLabel, clearRank, setRank } from '@shared/ranking';
import { dispatchKey } from '../shortcuts/keymap';
import { rankIn, rankResponseKeymap } from './rankingKeymap';
import { editRanking } from './useRanking';

interface Props {
  annotation: RankingAnnotation;
  readOnly: boolean;
  error: string | undefined;
}

/**
 * Ranking by drag and drop: drop a response on a rank row (several on one row tie) or on "Unranked".
 * Each chip is a button too: focus it and press 1..N, so the board works without a mouse.
 */
export function RankBoard({ annotation, readOnly, error }: Props) {
  const n = annotation.displayOrder.length;
  const [dragOver, setDragOver] = useState<number | null>(null);
  const labelOf = (id: string) => blindLabel(annotation.displayOrder.indexOf(id));
  const rows = Array.from({ length: n }, (_, i) => i + 1);
  const unranked = annotation.displayOrder.filter((id) => annotation.ranks[id] === undefined);

  const drop = (rank: number | null, responseId: string) => {
    if (readOnly || !annotation.displayOrder.includes(responseId)) return;
    editRanking((a) => (rank === null ? clearRank(a, responseId) : setRank(a, responseId, rank)));
  };

  const chip = (id: string) => (
    <button
      key={id}
      type="button"
      className="rank-chip"
      draggable={!readOnly}
      disabled={readOnly}
      aria-label={`Response ${labelOf(id)}${annotation.ranks[id] ? `, rank ${annotation.ranks[id]}` : ', not ranked'}. Press 1 to ${n} to rank.`}
      onDragStart={(e) => {
        e.dataTransfer.setData('text/x-assay-response', id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      onKeyDown={(e) =>
        dispatchKey(rankResponseKeymap, { rank: (press) => rankIn(press, n, (rank) => drop(rank, id)), unrank: () => drop(null, id) }, e)
      }
    >
      {labelOf(id)}
    </button>
  );

  const zone = (rank: number | null, ids: string[], title: string) => (
    <div
      key={rank ?? 'unranked'}
      className={`rank-row${dragOver === (rank ?? 0) ? ' drag-over' : ''}`}
      data-rank={rank ?? 'unranked'}
      onDragOver={(e) => {
        if (readOnly) return;
        e.preventDefault();
        setDragOver(rank ?? 0);
      }}
      onDragLeave={() => setDragOver(null)}
      onDrop={(e) => {
        e.preventDefault();
        setDragOver(null);
        drop(rank, e.dataTransfer.getData('text/x-assay-response'));
      }}
    >
      <span className="rank-row-label">{title}</span>
      <span className="rank-row-chips">{ids.map(chip)}</span>
    </div>
  );

  return (
    <fieldset className={`judgement-block rank-board${error ? ' has-error' : ''}`} aria-describedby={error ? 'rank-error' : undefined}>
      <legend>Ranking</legend>
      <p className="hint">Drag responses onto ranks, or focus one and press its rank. Same rank = tie.</p>
      {rows.map((rank) =>
        zone(
          rank,
          annotation.displayOrder.filter((id) => annotation.ranks[id] === rank),
          rank === 1 ? '1 · best' : String(rank),
        ),
      )}
      {zone(null, unranked, 'Unranked')}
      {error && (
        <p id="rank-error" className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
