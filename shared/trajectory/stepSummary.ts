import { stripAnsi } from './ansi';
import type { TrajectoryStep } from '../domain';

/** The tool a step used: its first structured call's name, else the first word of the action. */
export const toolOf = (step: TrajectoryStep): string => {
  const call = step.toolCalls[0];
  if (call) return call.name;
  const word = /^\s*([A-Za-z_][\w.-]*)/.exec(step.action)?.[1];
  return word ?? (step.action.trim() === '' ? 'message' : 'bash');
};

/** The parsed JSON arguments of a tool call, or null when they are not an object. */
export const toolArguments = (text: string): Record<string, unknown> | null => {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

const MAX_SUMMARY = 120;
/** One line that says what the step did, for the timeline. */
export const actionSummary = (step: TrajectoryStep): string => {
  const args = step.toolCalls[0] ? toolArguments(step.toolCalls[0].arguments) : null;
  const fromArgs = args ? [args.command, args.path, args.code, args.url].filter((v) => typeof v === 'string').join(' ') : '';
  const text = step.action.trim() || fromArgs || step.thought.trim();
  const line = stripAnsi(text).split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  // eslint-disable-next-line no-control-regex
  const chars = [...line.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')];
  return chars.length > MAX_SUMMARY ? `${chars.slice(0, MAX_SUMMARY - 1).join('')}…` : chars.join('');
};

export type CodeLanguage = 'shell' | 'python' | 'plaintext' | 'json';

const PYTHON_TOOLS = new Set(['run_ipython', 'execute_ipython_cell', 'python', 'ipython']);
const EDITOR_TOOLS = new Set(['str_replace_editor', 'str_replace_based_edit_tool', 'edit', 'file_editor', 'edit_file', 'create', 'insert']);

export const isEditorTool = (tool: string): boolean => EDITOR_TOOLS.has(tool);

/** The language to show a step's action in. */
export const languageOf = (step: TrajectoryStep): CodeLanguage => {
  const tool = toolOf(step);
  if (PYTHON_TOOLS.has(tool)) return 'python';
  return 'shell';
};

/** An editor call's path and old/new text, when the step's tool call carries them. */
export interface EditorCall {
  command: string;
  path: string;
  oldText: string | null;
  newText: string | null;
}

export const editorCallOf = (step: TrajectoryStep): EditorCall | null => {
  const call = step.toolCalls[0];
  if (!call || !isEditorTool(call.name)) return null;
  const args = toolArguments(call.arguments);
  if (!args || typeof args.path !== 'string') return null;
  const text = (key: string): string | null => (typeof args[key] === 'string' ? (args[key] as string) : null);
  return {
    command: text('command') ?? call.name,
    path: args.path,
    oldText: text('old_str'),
    newText: text('new_str') ?? text('file_text') ?? text('content'),
  };
};

/** "12.3 s", "1 min 5 s"; '' when unknown. */
export const formatElapsed = (seconds: number | null): string => {
  if (seconds === null) return '';
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - m * 60)} s`;
};
