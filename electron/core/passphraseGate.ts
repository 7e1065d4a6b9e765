import { AppFailure } from '@shared/domain';
import { MIN_PASSPHRASE_LENGTH, operationNames, type CoreHandlers } from '@shared/ipc';
import { createAppEvents, type AppEvents } from './events';
import { createPassphraseKeyProvider, hasPassphrase } from './vault/passphraseKeyProvider';
import { VaultError, type KeyProvider } from './vault/keyProvider';

/** What the shell talks to: the core in-process, the core in its own thread, or the gate in front of either. */
export interface CoreBackend {
  handlers: CoreHandlers;
  events: AppEvents;
  close(): void | Promise<void>;
}

export interface PassphraseGateOptions {
  keyDir: string;
  accountId?: string;
  /** Opens the real core once a key provider exists. */
  openCore(keyProvider: KeyProvider): CoreBackend;
}

export type PassphraseGate = CoreBackend;

/**
 * Where the OS cannot seal the database key (Linux without a keyring), the app starts locked: every
 * operation but the vault's answers 'locked' until the person gives the passphrase, which derives the key.
 * The window opens at once and asks; nothing is read or written before that.
 */
export function createPassphraseGate({ keyDir, accountId = 'local', openCore }: PassphraseGateOptions): PassphraseGate {
  const events = createAppEvents();
  let core: CoreBackend | null = null;
  let unsubscribe: (() => void) | null = null;

  const lockedState = () => ({ state: hasPassphrase(keyDir, accountId) ? ('needs_passphrase' as const) : ('new_passphrase' as const) });
  const locked = (): never => {
    throw new AppFailure('locked', 'Your workspace is locked. Enter your passphrase to open it.');
  };

  const gated = Object.fromEntries(
    operationNames.map((name) => [name, (input: never) => (core ? (core.handlers[name] as (i: never) => unknown)(input) : locked())]),
  ) as unknown as CoreHandlers;

  const handlers: CoreHandlers = {
    ...gated,
    getVaultState: () => (core ? { state: 'ready' } : lockedState()),
    unlockVault: ({ passphrase }) => {
      if (core) return { state: 'ready' };
      const creating = !hasPassphrase(keyDir, accountId);
      if (creating && passphrase.length < MIN_PASSPHRASE_LENGTH) {
        throw new AppFailure('invalid_input', `Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`, 'passphrase');
      }
      try {
        core = openCore(createPassphraseKeyProvider(keyDir, passphrase));
      } catch (error) {
        if (error instanceof VaultError) throw new AppFailure(error.reason === 'wrong_passphrase' ? 'forbidden' : 'storage_failed', error.message, 'passphrase');
        throw error;
      }
      unsubscribe = core.events.on((event) => events.emit(event));
      return { state: 'ready' };
    },
  };

  return {
    handlers,
    events,
    close: () => {
      unsubscribe?.();
      const closing = core;
      core = null;
      return closing?.close();
    },
  };
}
