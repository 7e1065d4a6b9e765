import { createHash, randomBytes } from 'node:crypto';
import type { PlatformUser, Role } from '../../shared/sync/protocol';
import { sql } from 'kysely';
import { isoAt, newId, type StoreContext } from './context';
import { all, one, run, transaction, type Executor } from './database';
import { PlatformError } from './errors';

interface UserRow {
  id: string;
  name: string;
  role: Role;
}

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/;

export const createUserRepository = ({ db, now }: StoreContext) => {
  const byName = async (ex: Executor, name: string): Promise<UserRow | null> => (await one<UserRow>(ex, sql`SELECT id, name, role FROM users WHERE name = ${name}`)) ?? null;

  const issueToken = async (ex: Executor, userId: string): Promise<string> => {
    const token = `assay_${randomBytes(32).toString('base64url')}`;
    await run(ex, sql`INSERT INTO tokens (hash, user_id, created_at) VALUES (${hashToken(token)}, ${userId}, ${isoAt(now())})`);
    return token;
  };

  return {
    /** Creates the user and returns the only copy of their API token. */
    async addUser(name: string, role: Role): Promise<{ user: PlatformUser; token: string }> {
      if (!USER_NAME.test(name)) {
        throw new PlatformError('invalid', `A user name is 1-100 letters, digits, '.', '_', '@' or '-', starting with a letter or digit; got ${JSON.stringify(name)}`);
      }
      return transaction(db, async (tx) => {
        if (await byName(tx, name)) throw new PlatformError('conflict', `A user named ${name} already exists`);
        const user: PlatformUser = { id: newId('u'), name, role };
        await run(tx, sql`INSERT INTO users (id, name, role, created_at) VALUES (${user.id}, ${name}, ${role}, ${isoAt(now())})`);
        return { user, token: await issueToken(tx, user.id) };
      });
    },
    /** Another token for an existing user (the old ones keep working). */
    async issueToken(name: string): Promise<string> {
      const user = await byName(db.kysely, name);
      if (!user) throw new PlatformError('not_found', `No user named ${name}`);
      return issueToken(db.kysely, user.id);
    },
    async authenticate(token: string): Promise<PlatformUser | null> {
      return (
        (await one<UserRow>(
          db.kysely,
          sql`SELECT u.id, u.name, u.role FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = ${hashToken(token)} AND t.revoked_at IS NULL`,
        )) ?? null
      );
    },
    byName: (name: string): Promise<PlatformUser | null> => byName(db.kysely, name),
    byId: async (id: string): Promise<PlatformUser | null> => (await one<UserRow>(db.kysely, sql`SELECT id, name, role FROM users WHERE id = ${id}`)) ?? null,
    list: (): Promise<PlatformUser[]> => all<UserRow>(db.kysely, sql`SELECT id, name, role FROM users ORDER BY name`),
  };
};
export type UserRepository = ReturnType<typeof createUserRepository>;
