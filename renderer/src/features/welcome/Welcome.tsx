import { useState } from 'react';
import { api } from '../../api';
import { useAppStore } from '../../state/appStore';
import { useInboxStore } from '../../state/inboxStore';
import { ImportButton } from '../inbox/ImportButton';

/** First start with no tasks and no platform account: get a newcomer to real work within a minute. */
export function Welcome() {
  const [loading, setLoading] = useState(false);
  const notifyError = useAppStore((s) => s.notifyError);

  const loadDemo = async () => {
    setLoading(true);
    const result = await api().loadDemo({});
    setLoading(false);
    if (!result.ok) return notifyError(result.error);
    await Promise.all([useInboxStore.getState().refresh(), useAppStore.getState().refreshInfo()]);
  };

  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">Welcome to Assay</h1>
      <p className="lede">
        The workstation for expert post-training data: rank model responses, rate reasoning step by step, and repair agent
        trajectories, online or on a plane.
      </p>
      <div className="welcome-actions">
        <button type="button" className="button primary" onClick={() => void loadDemo()} disabled={loading} autoFocus>
          {loading ? 'Loading…' : 'Try the demo workspace'}
        </button>
        <ImportButton />
      </div>
      <ul className="welcome-points">
        <li>
          <strong>Ranking</strong> a chemistry question answered three ways, with LaTeX and code.
        </li>
        <li>
          <strong>Reasoning</strong> a competition problem to rate step by step until the first error.
        </li>
        <li>
          <strong>Trajectory</strong> a coding agent's bug-fix run to label and repair.
        </li>
      </ul>
      <p className="fine-print">Everything stays on this computer, encrypted, until you connect a platform.</p>
    </section>
  );
}
