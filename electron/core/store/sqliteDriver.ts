// The package's "exports" map hides its index.d.ts from moduleResolution "Bundler", so the types are taken
// by path and put on the runtime import. A `paths` entry in tsconfig.base.json would make this file
// unnecessary (then the @ts-expect-error below reports itself).
// @ts-expect-error TS7016: no declaration file reachable through the package's "exports".
import untypedDatabase from 'better-sqlite3-multiple-ciphers';
import type DatabaseConstructor from '../../../node_modules/better-sqlite3-multiple-ciphers/index';

export const Database = untypedDatabase as typeof DatabaseConstructor;
export type Database = DatabaseConstructor.Database;
