import type { Annotation } from '@shared/domain';
import { fieldDiff, fieldLabel, fieldValueText } from '@shared/review/fieldDiff';

/** What a reviewer's fix changed in the expert's judgement, field by field (old and new), as plain text. */
export function FixDiff({ before, after }: { before: Annotation; after: Annotation }) {
  const changes = fieldDiff(before, after);
  return (
    <div className="fix-diff">
      <p className="fix-diff-title">
        {changes.length === 0 ? 'The fix changed nothing in your judgement.' : `The reviewer changed ${changes.length} field${changes.length === 1 ? '' : 's'}:`}
      </p>
      {changes.length > 0 && (
        <table aria-label="Fields the reviewer changed">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Yours</th>
              <th scope="col">Reviewer's</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.path}>
                <th scope="row">
                  <code>{fieldLabel(c.path, before)}</code>
                </th>
                <td className="plain-text fix-old">{fieldValueText(c.before)}</td>
                <td className="plain-text fix-new">{fieldValueText(c.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
