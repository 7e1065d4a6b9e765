import { useId, useState } from 'react';
import { useAppStore } from '../../../state/appStore';
import './agreement.css';

/** Opens a project's agreement report: the projects in the queue as one-click choices, or any project by name. */
export function AgreementLinks({ projects }: { projects: readonly string[] }) {
  const navigate = useAppStore((s) => s.navigate);
  // Until the reviewer types, the first project of the queue (the queue may arrive after the first render).
  const [typed, setProject] = useState<string | null>(null);
  const project = typed ?? projects[0] ?? '';
  const listId = useId();
  return (
    <form
      className="agreement-links"
      aria-label="Open an agreement report"
      onSubmit={(e) => {
        e.preventDefault();
        if (project.trim() !== '') navigate({ page: 'agreement', project: project.trim() });
      }}
    >
      <label>
        <span className="visually-hidden">Agreement report for project</span>
        <input type="text" list={listId} value={project} placeholder="Project" onChange={(e) => setProject(e.target.value)} maxLength={200} />
      </label>
      <datalist id={listId}>
        {projects.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <button type="submit" className="button">
        Agreement report
      </button>
    </form>
  );
}
