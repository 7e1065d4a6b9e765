import { createHash, randomBytes } from 'node:crypto';
import type { PlatformUser, Role } from '../../shared/sync/protocol';
import { isoAt, newId, type StoreContext } from './context';
import { PlatformError } from './errors';

interface UserRow {
  id: string;
  name: string;
  role: Role;
}

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/;

export const createUserRepository = ({ db, now }: StoreContext) => {
  const insertUser = db.prepare('INSERT INTO users (id, name, role, created_at) VALUES (?, ?, ?, ?)');
  const insertToken = db.prepare('INSERT INTO tokens (hash, user_id, created_at) VALUES (?, ?, ?)');
  const byName = db.prepare<[string], UserRow>('SELECT id, name, role FROM users WHERE name = ?');
  const byId = db.prepare<[string], UserRow>('SELECT id, name, role FROM users WHERE id = ?');
  const byToken = db.prepare<[string], UserRow>(
    'SELECT u.id, u.name, u.role FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = ? AND t.revoked_at IS NULL',
  );
  const all = db.prepare<[], UserRow>('SELECT id, name, role FROM users ORDER BY name');

  const issueToken = (userId: string): string => {
    const token = `assay_${randomBytes(32).toString('base64url')}`;
    insertToken.run(hashToken(token), userId, isoAt(now()));
    return token;
  };

  return {
    /** Creates the user and returns the only copy of their API token. */
    addUser(name: string, role: Role): { user: PlatformUser; token: string } {
      if (!USER_NAME.test(name)) {
        throw new PlatformError('invalid', `A user name is 1-100 letters, digits, '.', '_', '@' or '-', starting with a letter or digit; got ${JSON.stringify(name)}`);
      }
      return db.transaction(() => {
        if (byName.get(name)) throw new PlatformError('conflict', `A user named ${name} already exists`);
        const user: PlatformUser = { id: newId('u'), name, role };
        insertUser.run(user.id, name, role, isoAt(now()));
        return { user, token: issueToken(user.id) };
      })();
    },
    /** Another token for an existing user (the old ones keep working). */
    issueToken(name: string): string {
      const user = byName.get(name);
      if (!user) throw new PlatformError('not_found', `No user named ${name}`);
      return issueToken(user.id);
    },
    authenticate(token: string): PlatformUser | null {
      return byToken.get(hashToken(token)) ?? null;
    },
    byName: (name: string): PlatformUser | null => byName.get(name) ?? null,
    byId: (id: string): PlatformUser | null => byId.get(id) ?? null,
    list: (): PlatformUser[] => all.all(),
  };
};
export type UserRepository = ReturnType<typeof createUserRepository>;
