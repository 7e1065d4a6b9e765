import { createCanonicalLineReader, type LineProblem } from '@shared/formats/canonicalJsonl';
import type { ImportLimits } from '@shared/formats/limits';
import { derivedColumnsOf } from '../store/taskColumns';

/** One task read from a line, as its row is written: the fields and what is derived from them (taskColumns.ts). */
export interface StagedRow {
  id: string;
  project: string;
  kind: string;
  version: number;
  title: string;
  guidelines: string;
  payloadJson: string;
  /** A trajectory's display copy for the row; its whole payload (payloadJson) goes to task_payloads. */
  displayPayloadJson: string | null;
  leaseJson: string | null;
  excerpt: string;
}

/** What one piece of the file gave: rows, or, from the first bad line on, only the problems. */
export interface ParsedPiece {
  rows: StagedRow[];
  /** Characters of the lines those rows came from. */
  chars: number;
  /** The first bad line, once there is one (then no more rows come). */
  problem: LineProblem | null;
  /** Bad lines after the first. */
  moreProblems: number;
  /** Past the limit of tasks per file: what ends the import. */
  tooMany: { message: string; detail?: string } | null;
}

/**
 * Canonical JSONL read a piece at a time, whatever the pieces cut: lines are numbered across them, a line split
 * between two waits for the second, ids are checked across the whole file. Pure, so the same reader runs in the core
 * or on a thread of its own (lineParserWorker.ts).
 */
export const createImportLineParser = (limits: ImportLimits) => {
  const reader = createCanonicalLineReader(limits);
  let tail = '';
  let lineNumber = 0;
  let problem: LineProblem | null = null;

  return {
    feed(text: string, final: boolean): ParsedPiece {
      const lines = (tail + text).split('\n');
      tail = final ? '' : (lines.pop() ?? '');
      const rows: StagedRow[] = [];
      let chars = 0;
      let moreProblems = 0;
      for (const raw of lines) {
        lineNumber += 1;
        let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (lineNumber === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
        const read = reader.read(lineNumber, line);
        if (read === null) continue;
        if ('tooMany' in read) {
          const error: { message: string; detail?: string } = read.tooMany.ok ? { message: '' } : read.tooMany.error;
          return { rows: [], chars: 0, problem, moreProblems, tooMany: { message: error.message, ...(error.detail === undefined ? {} : { detail: error.detail }) } };
        }
        if (!('task' in read)) {
          if (problem === null) problem = read;
          else moreProblems += 1;
          continue;
        }
        // Nothing is kept once a line is bad: the import will fail at the end, naming it.
        if (problem !== null) continue;
        const { task } = read;
        const c = derivedColumnsOf(task);
        rows.push({
          id: task.id,
          project: task.project,
          kind: task.payload.kind,
          version: task.version,
          title: task.title,
          guidelines: task.guidelines,
          payloadJson: c.payloadJson,
          displayPayloadJson: c.displayPayloadJson,
          leaseJson: c.leaseJson,
          excerpt: c.excerpt,
        });
        chars += line.length;
      }
      return { rows: problem === null ? rows : [], chars, problem, moreProblems, tooMany: null };
    },
  };
};
export type ImportLineParser = ReturnType<typeof createImportLineParser>;
