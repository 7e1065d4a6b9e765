import { useMemo, useState } from 'react';
import { diffWords } from 'diff';
import type { CandidateResponse } from '@shared/domain';
import { blindLabel } from '@shared/ranking';

/** A word-level diff between any two responses, in source text (markdown as written). */
export function ResponseDiff({ ordered, onClose }: { ordered: CandidateResponse[]; onClose(): void }) {
  const [left, setLeft] = useState(0);
  const [right, setRight] = useState(1);
  const parts = useMemo(() => diffWords(ordered[left]?.content ?? '', ordered[right]?.content ?? ''), [ordered, left, right]);
  const picker = (value: number, onChange: (v: number) => void, name: string) => (
    <label>
      {name}
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {ordered.map((r, i) => (
          <option key={r.id} value={i}>
            Response {blindLabel(i)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section className="response-diff" aria-label="Word diff">
      <header className="panel-header">
        <h2>Word diff</h2>
        {picker(left, setLeft, 'From')}
        {picker(right, setRight, 'To')}
        <span className="diff-legend">
          <del>only in {blindLabel(left)}</del> <ins>only in {blindLabel(right)}</ins>
        </span>
        <button type="button" className="button ghost" onClick={onClose}>
          Close diff
        </button>
      </header>
      <div className="diff-body plain-text">
        {parts.map((p, i) => (p.added ? <ins key={i}>{p.value}</ins> : p.removed ? <del key={i}>{p.value}</del> : <span key={i}>{p.value}</span>))}
      </div>
    </section>
  );
}
