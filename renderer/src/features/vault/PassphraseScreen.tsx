import { useState } from 'react';
import { MIN_PASSPHRASE_LENGTH } from '@shared/ipc';
import { api } from '../../api';
import { useAppStore } from '../../state/appStore';

/**
 * Shown where the OS has no keyring to seal the database key: the passphrase derives the key instead.
 * The first time the person chooses one (typed twice); afterwards they unlock with it.
 */
export function PassphraseScreen({ creating }: { creating: boolean }) {
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (creating && passphrase.length < MIN_PASSPHRASE_LENGTH) return setError(`Choose at least ${MIN_PASSPHRASE_LENGTH} characters.`);
    if (creating && passphrase !== repeat) return setError('The two passphrases differ.');
    setBusy(true);
    const result = await api().unlockVault({ passphrase });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    await useAppStore.getState().boot();
  };

  return (
    <section className="welcome passphrase" aria-labelledby="passphrase-title">
      <h1 id="passphrase-title">{creating ? 'Choose a passphrase' : 'Unlock your workspace'}</h1>
      <p className="lede">
        {creating
          ? 'This computer has no keyring to protect the key of your encrypted workspace, so a passphrase protects it. Assay never stores it: if you forget it, the local data cannot be opened (submitted work is safe on the platform).'
          : 'Your workspace is encrypted with your passphrase.'}
      </p>
      <form
        className="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          Passphrase
          <input type="password" autoFocus autoComplete={creating ? 'new-password' : 'current-password'} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
        </label>
        {creating && (
          <label>
            Passphrase again
            <input type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
          </label>
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button primary" disabled={busy || passphrase.length === 0}>
          {busy ? 'Opening…' : creating ? 'Create encrypted workspace' : 'Unlock'}
        </button>
      </form>
    </section>
  );
}
