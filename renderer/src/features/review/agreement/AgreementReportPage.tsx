import { useEffect, useState } from 'react';
import type { Measure } from '@shared/review/agreementReport';
import type { AgreementReport } from '@shared/sync/reviewQuality';
import { api } from '../../../api';
import { useAppStore } from '../../../state/appStore';
import { isOverlayOpen } from '../../../ui/keyboardTargets';
import { KIND_LABEL } from '../../inbox/taskLabels';
import { FigureChart } from './FigureChart';
import { formatFigure, formatShare, measureLabel, measureUnit } from './figureFormat';
import './agreement.css';

type State = { report: AgreementReport | null; error: string | null };

/** A project's agreement across experts and its gold scores, read live from the platform: tables and charts. */
export function AgreementReportPage({ project }: { project: string }) {
  const navigate = useAppStore((s) => s.navigate);
  const [state, setState] = useState<State>({ report: null, error: null });

  useEffect(() => {
    let live = true;
    void api()
      .getAgreementReport({ project })
      .then((r) => live && setState(r.ok ? { report: r.value, error: null } : { report: null, error: r.error.message }));
    return () => {
      live = false;
    };
  }, [project]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || isOverlayOpen()) return;
      e.preventDefault();
      navigate({ page: 'review' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  const { report, error } = state;
  const measures = [...new Set(report?.tasks.flatMap((t) => t.figures.map((f) => f.measure)) ?? [])] as Measure[];
  return (
    <section className="agreement-report" aria-labelledby="agreement-title">
      <header className="inbox-header">
        <button type="button" className="button ghost" onClick={() => navigate({ page: 'review' })} aria-label="Back to the review queue (Escape)">
          ← Review
        </button>
        <h1 id="agreement-title">Agreement · {project}</h1>
        {report && (
          <span className="inbox-count">
            {report.taskCount} {report.taskCount === 1 ? 'task' : 'tasks'} · {report.tasks.length} judged by two experts or more
          </span>
        )}
      </header>
      {error && (
        <p className="empty-state" role="alert">
          {error}
        </p>
      )}
      {!report && !error && <p className="empty-state" aria-busy="true">Reading the report from the platform…</p>}
      {report && report.kinds.length === 0 && (
        <p className="empty-state">No task of {project} has been judged by two experts yet. Assign with an overlap (platform assign --overlap 3) to measure agreement.</p>
      )}
      {report?.kinds.map((k) => (
        <section key={k.kind} className="agreement-kind" aria-labelledby={`agreement-kind-${k.kind}`}>
          <h2 id={`agreement-kind-${k.kind}`}>
            {KIND_LABEL[k.kind]} · {k.tasks} {k.tasks === 1 ? 'task' : 'tasks'} with overlap
          </h2>
          <div className="agreement-kind-body">
            <table className="agreement-table" data-testid={`agreement-${k.kind}`}>
              <caption className="visually-hidden">Agreement on {KIND_LABEL[k.kind].toLowerCase()} tasks</caption>
              <thead>
                <tr>
                  <th scope="col">Measure</th>
                  <th scope="col" className="num">
                    Value
                  </th>
                  <th scope="col" className="num">
                    Over
                  </th>
                </tr>
              </thead>
              <tbody>
                {k.figures.map((f) => (
                  <tr key={f.measure}>
                    <th scope="row">{measureLabel(f.measure)}</th>
                    <td className="num">{formatFigure(f.value)}</td>
                    <td className="num muted">
                      {f.n} {measureUnit(f.measure, f.n)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <FigureChart title={`Agreement on ${KIND_LABEL[k.kind].toLowerCase()} tasks, from −1 to 1`} bars={k.figures.map((f) => ({ label: measureLabel(f.measure), value: f.value }))} />
          </div>
        </section>
      ))}
      {report && report.experts.length > 0 && (
        <section className="agreement-kind" aria-labelledby="agreement-experts">
          <h2 id="agreement-experts">Experts and gold tasks</h2>
          <div className="agreement-kind-body">
            <table className="agreement-table" data-testid="agreement-experts">
              <caption className="visually-hidden">Each expert's tasks and gold score</caption>
              <thead>
                <tr>
                  <th scope="col">Expert</th>
                  <th scope="col" className="num">
                    Tasks judged
                  </th>
                  <th scope="col" className="num">
                    Gold tasks
                  </th>
                  <th scope="col" className="num">
                    Mean gold score
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.experts.map((e) => (
                  <tr key={e.expert}>
                    <th scope="row">{e.expert}</th>
                    <td className="num">{e.judged}</td>
                    <td className="num">{e.goldTasks}</td>
                    <td className="num">{formatShare(e.goldMean)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {report.experts.some((e) => e.goldTasks > 0) && (
              <FigureChart title="Mean gold score per expert, from 0 to 1" min={0} bars={report.experts.filter((e) => e.goldTasks > 0).map((e) => ({ label: e.expert, value: e.goldMean }))} />
            )}
          </div>
        </section>
      )}
      {report && report.tasks.length > 0 && (
        <section className="agreement-kind" aria-labelledby="agreement-tasks">
          <h2 id="agreement-tasks">Tasks with overlap</h2>
          <div className="agreement-scroll">
            <table className="agreement-table" data-testid="agreement-tasks">
              <caption className="visually-hidden">Agreement per task</caption>
              <thead>
                <tr>
                  <th scope="col">Task</th>
                  <th scope="col">Experts</th>
                  {measures.map((m) => (
                    <th key={m} scope="col" className="num">
                      {measureLabel(m)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.tasks.map((t) => (
                  <tr key={t.taskId}>
                    <th scope="row">
                      {t.taskId}
                      {t.gold && <span className="gold-badge">gold</span>}
                    </th>
                    <td>{t.experts.join(', ')}</td>
                    {measures.map((m) => {
                      const f = t.figures.find((x) => x.measure === m);
                      return (
                        <td key={m} className="num">
                          {f ? formatFigure(f.value) : '—'}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </section>
  );
}
