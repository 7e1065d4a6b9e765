import type { ParsedPiece } from './lineParser';

/** Core → line parser thread. */
export type ToLineParser = { type: 'feed'; id: number; importId: string; text: string; final: boolean } | { type: 'drop'; importId: string };

/** Line parser thread → core. */
export type FromLineParser = { type: 'piece'; id: number; piece: ParsedPiece } | { type: 'failed'; id: number; message: string };

/** Where the line parser's thread starts: the built file in the desktop app, the TypeScript source under tsx elsewhere. */
export interface LineParserScript {
  path: string;
  execArgv?: string[];
  env?: Record<string, string | undefined>;
}
