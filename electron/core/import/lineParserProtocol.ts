import type { ParsedPiece, StagedRow } from './lineParser';

/** Core → line parser thread. */
export type ToLineParser = { type: 'feed'; id: number; importId: string; text: string; final: boolean } | { type: 'drop'; importId: string };

/** Line parser thread → core. */
export type FromLineParser =
  | { type: 'piece'; id: number; piece: Omit<ParsedPiece, 'rows'>; columns: PieceColumns }
  | { type: 'failed'; id: number; message: string };

/** Where the line parser's thread starts: the built file in the desktop app, the TypeScript source under tsx elsewhere. */
export interface LineParserScript {
  path: string;
  execArgv?: string[];
  env?: Record<string, string | undefined>;
}

/**
 * A piece's rows as one array per field: a thread answer deserializes about twice as fast as an array of objects,
 * and the core, which writes, is the busier thread.
 */
export interface PieceColumns {
  id: string[];
  project: string[];
  kind: string[];
  version: number[];
  title: string[];
  guidelines: string[];
  payloadJson: string[];
  displayPayloadJson: (string | null)[];
  leaseJson: (string | null)[];
  excerpt: string[];
}

export const toColumns = (rows: readonly StagedRow[]): PieceColumns => ({
  id: rows.map((r) => r.id),
  project: rows.map((r) => r.project),
  kind: rows.map((r) => r.kind),
  version: rows.map((r) => r.version),
  title: rows.map((r) => r.title),
  guidelines: rows.map((r) => r.guidelines),
  payloadJson: rows.map((r) => r.payloadJson),
  displayPayloadJson: rows.map((r) => r.displayPayloadJson),
  leaseJson: rows.map((r) => r.leaseJson),
  excerpt: rows.map((r) => r.excerpt),
});

export const fromColumns = (c: PieceColumns): StagedRow[] =>
  c.id.map((id, i) => ({
    id,
    project: c.project[i]!,
    kind: c.kind[i]!,
    version: c.version[i]!,
    title: c.title[i]!,
    guidelines: c.guidelines[i]!,
    payloadJson: c.payloadJson[i]!,
    displayPayloadJson: c.displayPayloadJson[i] ?? null,
    leaseJson: c.leaseJson[i] ?? null,
    excerpt: c.excerpt[i]!,
  }));
