import { createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { KEY_BYTES, VaultError, type KeyProvider } from './keyProvider';
import { accountKeyPath, writePrivateFile } from './keyFiles';

const keyParamsSchema = z.object({
  version: z.literal(1),
  salt: z.string().regex(/^[0-9a-f]{32,}$/),
  N: z.number().int().min(1024),
  r: z.number().int().min(1),
  p: z.number().int().min(1),
  /** HMAC of a fixed label under the derived key: tells a wrong passphrase apart without storing the key. */
  verifier: z.string().regex(/^[0-9a-f]{64}$/),
});
type KeyParams = z.infer<typeof keyParamsSchema>;

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}
/** About 100 ms and 32 MiB on a laptop: slow enough to make guessing costly, quick enough at startup. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };

const derive = (passphrase: string, params: Pick<KeyParams, 'salt' | 'N' | 'r' | 'p'>): Buffer =>
  scryptSync(passphrase.normalize('NFC'), Buffer.from(params.salt, 'hex'), KEY_BYTES, {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 256 * params.N * params.r,
  });

const verifierOf = (key: Buffer): Buffer => createHmac('sha256', key).update('assay-database-key-verifier').digest();

/** Whether this account already has a passphrase (so the person unlocks rather than chooses one). */
export const hasPassphrase = (directory: string, accountId: string): boolean => existsSync(accountKeyPath(directory, accountId, 'passphrase.json'));

/**
 * Derives each account's key from a passphrase with scrypt and a stored random salt. Used where the OS
 * cannot seal a key (Linux without a keyring). The passphrase itself is never stored.
 */
export const createPassphraseKeyProvider = (
  directory: string,
  passphrase: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): KeyProvider => ({
  loadOrCreateKey(accountId) {
    if (passphrase.length === 0) throw new VaultError('passphrase_required', 'Enter a passphrase to unlock your data.');
    const path = accountKeyPath(directory, accountId, 'passphrase.json');
    if (!existsSync(path)) {
      const fresh = { salt: randomBytes(16).toString('hex'), ...cost };
      const key = derive(passphrase, fresh);
      const params: KeyParams = { version: 1, ...fresh, verifier: verifierOf(key).toString('hex') };
      writePrivateFile(path, JSON.stringify(params), directory);
      return key;
    }
    let params: KeyParams;
    try {
      params = keyParamsSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    } catch {
      throw new VaultError('damaged_key_file', `The passphrase settings in ${path} are damaged. Keep the file and contact support.`);
    }
    const key = derive(passphrase, params);
    if (!timingSafeEqual(verifierOf(key), Buffer.from(params.verifier, 'hex'))) {
      throw new VaultError('wrong_passphrase', 'That passphrase does not unlock this account. Check it and try again.');
    }
    return key;
  },
});
