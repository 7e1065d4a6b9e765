import { useEffect, useState } from 'react';
import type { Task } from '@shared/domain';
import { verifyChain } from '@shared/review/historyChain';
import type { TaskJudgementsResponse } from '@shared/sync/reviewQuality';
import { api } from '../../../api';
import { historyText } from '../HistoryCheck';
import { formatFigure, measureLabel } from './figureFormat';
import { sideBySide } from './sideBySide';
import './agreement.css';

/**
 * Every expert's judgement of this task on the platform, side by side with the agreement figures and gold
 * scores, and each expert's platform history checked here (the hashes are recomputed from what was pulled).
 */
export function JudgementsSideBySide({ task }: { task: Task }) {
  const [state, setState] = useState<{ data: TaskJudgementsResponse | null; error: string | null }>({ data: null, error: null });

  useEffect(() => {
    let live = true;
    void api()
      .getTaskJudgements({ taskId: task.id })
      .then((r) => live && setState(r.ok ? { data: r.value, error: null } : { data: null, error: r.error.message }));
    return () => {
      live = false;
    };
  }, [task.id]);

  const { data, error } = state;
  if (error) return <p className="judgements-note muted">Judgements on the platform: {error}</p>;
  if (!data) return <p className="judgements-note muted" aria-busy="true">Reading the judgements on the platform…</p>;
  const table = sideBySide(task, data.judgements, data.gold);
  const checks = data.judgements.map((j) => ({ expert: j.expert, check: verifyChain(j.history) }));
  return (
    <section className="judgements-side" aria-labelledby="judgements-title">
      <h2 id="judgements-title">
        {data.judgements.length > 1 ? `${data.judgements.length} experts' judgements` : 'Judgement on the platform'}
        {data.gold && <span className="gold-badge">gold task</span>}
      </h2>
      {data.agreement.figures.length > 0 && (
        <ul className="figure-list" aria-label="Agreement on this task">
          {data.agreement.figures.map((f) => (
            <li key={f.measure}>
              {measureLabel(f.measure)}: <strong>{formatFigure(f.value)}</strong>
            </li>
          ))}
        </ul>
      )}
      {(data.judgements.length > 1 || data.gold) && (
        <div className="agreement-scroll">
          <table className="agreement-table side-by-side" data-testid="side-by-side">
            <caption className="visually-hidden">What each expert said{data.gold ? ', beside the expected gold judgement' : ''}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Item</span>
                </th>
                {table.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={row.label} className={row.disagree ? 'is-disagree' : undefined}>
                  <th scope="row">
                    {row.label}
                    {row.disagree && <span className="differs-badge">differs</span>}
                  </th>
                  {row.cells.map((cell, i) => (
                    <td key={table.columns[i]} className={data.gold && i === 0 ? 'gold-cell' : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ul className="history-list" aria-label="Platform history of each judgement" data-testid="platform-history">
        {checks.map(({ expert, check }) => (
          <li key={expert} className={check.intact ? 'history-intact' : 'history-broken'}>
            {expert}: {historyText(check)}
          </li>
        ))}
      </ul>
    </section>
  );
}
