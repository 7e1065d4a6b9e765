import { useMemo, useState } from 'react';
import type { TrajectoryPayload } from '@shared/domain';
import { checkPatch, setFinalPatch, type FileCheck } from '@shared/trajectory';
import { PatchHunkMarkers } from '../comments/PatchHunkMarkers';
import { CodeView, FileDiff } from './lazyMonaco';
import { editTrajectory } from './useTrajectory';

const STATUS_TEXT: Record<FileCheck['status'], string> = {
  applies: 'applies',
  fails: 'does not apply',
  'no-base': 'not in the task: cannot be checked',
  hostile: 'unsafe path',
};

/** The final patch: editable in Monaco, checked as it changes, and shown as base vs patched where the task has the files. */
export function PatchPanel({ payload, patch, readOnly }: { payload: TrajectoryPayload; patch: string; readOnly: boolean }) {
  const check = useMemo(() => checkPatch(patch, payload.repository.files), [patch, payload.repository.files]);
  const viewable = check.files.filter((f) => f.status === 'applies' && f.base !== null && f.patched !== null);
  const [chosen, setChosen] = useState(0);
  const shown = viewable[Math.min(chosen, viewable.length - 1)];
  const failing = check.files.find((f) => f.status === 'fails');
  return (
    <section className="patch-panel" aria-labelledby="patch-heading">
      <header className="step-header">
        <h2 id="patch-heading">Final patch</h2>
        {payload.exitStatus && <span className="muted">run ended: {payload.exitStatus}</span>}
      </header>
      <div className="patch-check" role="status" aria-label="Patch check">
        {!check.ok ? (
          <p className="check-error">The patch does not parse: {check.parseError}</p>
        ) : check.empty ? (
          <p className="muted">No patch yet. Write a unified diff below.</p>
        ) : (
          <ul className="check-files">
            {check.files.map((f, i) => (
              <li key={`${f.path}-${i}`} className={`check-${f.status}`}>
                <code className="check-path">{f.path}</code> <span className="check-status">{STATUS_TEXT[f.status]}</span>
                {f.hostile && <span className="hostile-flag"> — flagged: the path {f.hostile}; Assay never reads or writes it</span>}
                {f.failingHunk && (
                  <span className="failing-hunk">
                    {' '}
                    — hunk {f.failingHunk.index} <code>{f.failingHunk.header}</code>
                    {f.failingHunk.patchLine !== null ? ` (patch line ${f.failingHunk.patchLine})` : ''} does not match the base file
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      <PatchHunkMarkers patch={patch} />
      <CodeView
        value={patch}
        language="diff"
        label="Final patch"
        readOnly={readOnly}
        height="38vh"
        onChange={(text) => editTrajectory((a) => setFinalPatch(a, text), 'final-patch')}
        errorLine={failing?.failingHunk?.patchLine ?? null}
        errorMessage={failing?.failingHunk ? `Hunk ${failing.failingHunk.index} of ${failing.path} does not apply` : undefined}
      />
      {shown && (
        <div className="patch-diff">
          <div className="row">
            <h3>Base vs patched</h3>
            {viewable.length > 1 && (
              <select aria-label="File" value={Math.min(chosen, viewable.length - 1)} onChange={(e) => setChosen(Number(e.target.value))}>
                {viewable.map((f, i) => (
                  <option key={f.path} value={i}>
                    {f.path}
                  </option>
                ))}
              </select>
            )}
            {viewable.length === 1 && <code>{shown.path}</code>}
          </div>
          <FileDiff key={shown.path} original={shown.base ?? ''} modified={shown.patched ?? ''} path={shown.path} height="34vh" />
        </div>
      )}
    </section>
  );
}
