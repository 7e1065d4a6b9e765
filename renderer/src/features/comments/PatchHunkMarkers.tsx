import { useMemo } from 'react';
import { patchHunks } from '@shared/review/patchHunks';
import { CommentBadge } from './CommentBadge';
import { useCommentStore } from './commentStore';
import { commentTargetProps } from './commentTargets';

/** The patch's hunks as places to comment on (while a reviewer writes a return) or to find comments at. */
export function PatchHunkMarkers({ patch }: { patch: string }) {
  const active = useCommentStore((s) => s.picking || s.comments.some((c) => c.anchor.kind === 'hunk'));
  const hunks = useMemo(() => (active ? patchHunks(patch) : []), [active, patch]);
  if (hunks.length === 0) return null;
  return (
    <ul className="patch-hunks" aria-label="Hunks of the final patch">
      {hunks.map((h) => {
        const anchor = { kind: 'hunk' as const, stepId: 'final-patch', file: h.file, hunk: h.hunk, header: h.header };
        const label = `hunk ${h.hunk + 1} of ${h.file}`;
        return (
          <li key={`${h.file}-${h.hunk}`} {...commentTargetProps(anchor, label)}>
            <code>{h.file}</code> <code className="muted">{h.header}</code> <CommentBadge anchor={anchor} label={label} />
          </li>
        );
      })}
    </ul>
  );
}
