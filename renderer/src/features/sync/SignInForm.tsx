import { useState } from 'react';
import { api } from '../../api';
import { useAppStore } from '../../state/appStore';

/** Connects to a platform with a URL and an API token; the token goes to the core's encrypted store and never comes back. */
export function SignInForm({ onSignedIn }: { onSignedIn(): void }) {
  const [platformUrl, setPlatformUrl] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const notify = useAppStore((s) => s.notify);

  return (
    <form
      className="sign-in settings-form"
      aria-label="Sign in to a platform"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        void api()
          .signIn({ platformUrl: platformUrl.trim(), token: token.trim() })
          .then((result) => {
            setBusy(false);
            if (!result.ok) return setError(result.error.detail ? `${result.error.message} (${result.error.detail})` : result.error.message);
            setToken('');
            notify('success', `Signed in as ${result.value.account.userName}. Your assigned tasks are on their way.`);
            onSignedIn();
          });
      }}
    >
      <p className="hint">Work stays on this computer until you connect a platform. Your lab gives you its URL and an API token.</p>
      <label>
        Platform URL
        <input type="url" required placeholder="https://platform.example.org" value={platformUrl} onChange={(e) => setPlatformUrl(e.target.value)} />
      </label>
      <label>
        API token
        <input type="password" required autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
