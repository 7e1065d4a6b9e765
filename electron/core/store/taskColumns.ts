import { MARKUP_CHARS, plainTextOf } from '@shared/markdown/plainText';
import { promptTextOf, type Task } from '@shared/domain';
import { taskForDisplay } from '@shared/trajectory/forDisplay';

/** What a task's row holds beside its fields, computed from the task alone: no database here (the import's line parser runs it on its own thread). */

const EXCERPT_LENGTH = 200;

/**
 * plainTextOf(text), or a prefix of it at least EXCERPT_LENGTH + 1 long: the same excerpt either way. Text without
 * markup is flattened a growing prefix at a time (collapsing whitespace never depends on what comes later), so a
 * long plain prompt costs a few hundred characters of work instead of all of it.
 */
const flatForExcerpt = (text: string): string => {
  if (MARKUP_CHARS.test(text)) return plainTextOf(text);
  for (let take = 4 * EXCERPT_LENGTH; ; take *= 2) {
    if (take >= text.length) return plainTextOf(text);
    const flat = plainTextOf(text.slice(0, take));
    if (flat.length > EXCERPT_LENGTH) return flat;
  }
};

const WHITESPACE = /\s/;

/**
 * Whether the excerpt can be cut from `text` as it is: its first EXCERPT_LENGTH + 2 characters need no flattening
 * (no whitespace but single spaces between words, no markup character). Most prompts pass; this is on the import path.
 */
const startsFlat = (text: string): boolean => {
  const end = EXCERPT_LENGTH + 2;
  if (text.length <= end) return false;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c > 32 && c < 127) {
      if (c === 96 || c === 35 || c === 62 || c === 91 || c === 42 || c === 126 || c === 95 || c === 36) return false;
      continue;
    }
    if (c === 32) {
      if (i === 0 || WHITESPACE.test(text.charAt(i + 1))) return false;
      continue;
    }
    if (c < 32 || c === 127 || WHITESPACE.test(text.charAt(i))) return false;
  }
  // Markup further on cannot reach back: every rule of plainTextOf starts at a markup character (a link image one
  // before it) or at a line start, so the first EXCERPT_LENGTH characters come out as they are.
  return true;
};

export const excerptOf = (text: string): string => {
  if (startsFlat(text)) return `${text.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…`;
  const flat = flatForExcerpt(text);
  return flat.length <= EXCERPT_LENGTH ? flat : `${flat.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…`;
};


/** What a new task's row and search entry hold beside its fields (as upsert writes them), for writers of many rows at once. */
export interface DerivedTaskColumns {
  payloadJson: string;
  /** A trajectory's display copy, stored in the row while the whole payload goes to task_payloads; else null. */
  displayPayloadJson: string | null;
  leaseJson: string | null;
  excerpt: string;
}

export const derivedColumnsOf = (task: Task): DerivedTaskColumns => {
  const prompt = promptTextOf(task.payload);
  return {
    payloadJson: JSON.stringify(task.payload),
    displayPayloadJson: task.payload.kind === 'trajectory' ? JSON.stringify(taskForDisplay(task).payload) : null,
    leaseJson: task.lease === null ? null : JSON.stringify(task.lease),
    excerpt: excerptOf(prompt),
  };
};

