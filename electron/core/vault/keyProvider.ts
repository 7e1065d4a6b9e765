/** Hands out the 32-byte database key of an account, creating it on first use. */
export interface KeyProvider {
  loadOrCreateKey(accountId: string): Buffer;
}

export const KEY_BYTES = 32;

export type VaultErrorReason =
  | 'insecure_key_file'
  | 'damaged_key_file'
  | 'sealing_unavailable'
  | 'passphrase_required'
  | 'wrong_passphrase';

/** A key could not be produced; the message says what the person can do about it. */
export class VaultError extends Error {
  constructor(
    readonly reason: VaultErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'VaultError';
  }
}
