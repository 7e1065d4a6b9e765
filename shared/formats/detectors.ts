/**
 * One pure detector per known file format, recognising a format by its structure alone. Importing is
 * a separate step: a format can be recognised (to tell the expert what the file is) long before Assay
 * can import it. Add a format by adding a detector here and an importer in importTasks.ts.
 */

import { isModelSolutionRecord } from './reasoning/modelSolutions';

export type FormatId =
  | 'canonical-jsonl'
  | 'hh-rlhf'
  | 'oasst-tree'
  | 'alpaca-eval'
  | 'prm800k'
  | 'gsm8k'
  | 'math'
  | 'reasoning-model-solutions'
  | 'swe-agent-traj'
  | 'swe-bench-instance'
  | 'mini-swe-agent'
  | 'openhands-events'
  | 'openhands-output';

export type JsonRecord = Record<string, unknown>;

export const isRecord = (value: unknown): value is JsonRecord => value !== null && typeof value === 'object' && !Array.isArray(value);

const hasStrings = (record: JsonRecord, ...keys: string[]): boolean => keys.every((key) => typeof record[key] === 'string');

export interface FormatDetector {
  format: FormatId;
  /** Completes "This looks like ...". */
  label: string;
  /** Judges one sample record: the first line of a JSON Lines file or the first element of a JSON array. */
  matches: (record: JsonRecord) => boolean;
}

/** Most specific first: canonical tasks win over anything that happens to share a field name. */
export const formatDetectors: readonly FormatDetector[] = [
  {
    format: 'canonical-jsonl',
    label: 'canonical Assay task JSONL',
    matches: (r) => isRecord(r.payload) && typeof r.payload.kind === 'string',
  },
  {
    format: 'swe-agent-traj',
    label: 'a SWE-agent trajectory (.traj)',
    matches: (r) => Array.isArray(r.trajectory) && (Array.isArray(r.history) || isRecord(r.info)),
  },
  {
    format: 'openhands-output',
    label: 'OpenHands evaluation output (instance_id, history)',
    matches: (r) => typeof r.instance_id === 'string' && Array.isArray(r.history),
  },
  {
    format: 'openhands-events',
    label: 'an OpenHands event stream',
    matches: (r) => typeof r.source === 'string' && (typeof r.action === 'string' || typeof r.observation === 'string'),
  },
  {
    format: 'mini-swe-agent',
    label: 'a mini-swe-agent trajectory (chat messages)',
    matches: (r) =>
      (Array.isArray(r.messages) && isRecord(r.info)) || (typeof r.role === 'string' && (typeof r.content === 'string' || Array.isArray(r.content))),
  },
  {
    format: 'swe-bench-instance',
    label: 'SWE-bench task instances (instance_id, problem_statement, patch)',
    matches: (r) => hasStrings(r, 'instance_id', 'problem_statement'),
  },
  {
    format: 'prm800k',
    label: 'PRM800K step-level labels',
    matches: (r) => isRecord(r.question) && typeof r.question.problem === 'string' && isRecord(r.label),
  },
  {
    format: 'oasst-tree',
    label: 'an Open-Assistant (OASST) message tree export',
    matches: (r) => typeof r.message_tree_id === 'string' && isRecord(r.prompt),
  },
  {
    format: 'alpaca-eval',
    label: 'AlpacaEval pairwise annotations (instruction, output_1, output_2)',
    matches: (r) => hasStrings(r, 'instruction', 'output_1', 'output_2'),
  },
  {
    format: 'hh-rlhf',
    label: 'hh-rlhf style preference data (chosen/rejected)',
    matches: (r) => hasStrings(r, 'chosen', 'rejected'),
  },
  {
    format: 'reasoning-model-solutions',
    label: "a model's solutions to GSM8K or MATH problems (question or problem, with a model's solution)",
    matches: (r) => isModelSolutionRecord(r),
  },
  {
    format: 'math',
    label: 'MATH problems (problem, solution, answer)',
    matches: (r) => hasStrings(r, 'problem', 'solution'),
  },
  {
    format: 'gsm8k',
    label: 'GSM8K problems (question, answer)',
    matches: (r) => hasStrings(r, 'question', 'answer'),
  },
];
