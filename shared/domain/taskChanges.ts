import type { Task } from './task';

/** One field-level difference between two versions of a task, phrased for the expert. */
export interface TaskFieldChange {
  /** A path into the task, ids instead of indexes where items have them: `payload.responses[r2].content`. */
  path: string;
  change: 'added' | 'removed' | 'changed';
  /** A short sentence: `Response r2: content changed`. */
  summary: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: Json | undefined, b: Json | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Items with an `id` (responses, steps, criteria) are matched by id, so a reordered list is not "everything changed". */
const idOf = (item: Json): string | null => (isObject(item) && typeof item.id === 'string' ? item.id : null);
const keyedById = (items: Json[]): Map<string, Json> | null => {
  const map = new Map<string, Json>();
  for (const item of items) {
    const id = idOf(item);
    if (id === null || map.has(id)) return null;
    map.set(id, item);
  }
  return map;
};

const NAMES: Record<string, string> = {
  responses: 'Response',
  steps: 'Step',
  modelSteps: 'Step',
  criteria: 'Criterion',
  conversation: 'Message',
  files: 'File',
};

const words = (key: string): string => key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** How the expert knows an item, when not by its id: responses by their blind label (`B`). */
export type ItemNames = Partial<Record<string, (id: string) => string | undefined>>;

const label = (trail: readonly string[], names: ItemNames): string => {
  const parts: string[] = [];
  for (const part of trail) {
    const item = /^(\w+)\[(.*)\]$/.exec(part);
    if (item) parts.push(`${NAMES[item[1]!] ?? words(item[1]!)} ${names[item[1]!]?.(item[2]!) ?? item[2]}`);
    else if (part !== 'payload') parts.push(words(part));
  }
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** Lists are compared item by item only this deep; below, a changed item is one change. */
const MAX_DEPTH = 4;

const walk = (before: Json | undefined, after: Json | undefined, trail: string[], out: TaskFieldChange[], names: ItemNames): void => {
  if (same(before, after)) return;
  const path = trail.join('.').replace(/\.\[/g, '[');
  if (before === undefined || after === undefined) {
    out.push({ path, change: before === undefined ? 'added' : 'removed', summary: `${label(trail, names)} ${before === undefined ? 'added' : 'removed'}` });
    return;
  }
  if (trail.length < MAX_DEPTH && isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) walk(before[key], after[key], [...trail, key], out, names);
    return;
  }
  if (trail.length < MAX_DEPTH && Array.isArray(before) && Array.isArray(after)) {
    const name = trail.at(-1) ?? '';
    const a = keyedById(before);
    const b = keyedById(after);
    const head = trail.slice(0, -1);
    if (a && b) {
      for (const id of new Set([...a.keys(), ...b.keys()])) walk(a.get(id), b.get(id), [...head, `${name}[${id}]`], out, names);
      const common = [...a.keys()].filter((id) => b.has(id));
      const order = [...b.keys()].filter((id) => a.has(id));
      if (!same(common, order)) out.push({ path, change: 'changed', summary: `${label(trail, names)}: order changed` });
      return;
    }
    const length = Math.max(before.length, after.length);
    for (let i = 0; i < length; i++) walk(before[i], after[i], [...head, `${name}[${i + 1}]`], out, names);
    return;
  }
  out.push({ path, change: 'changed', summary: `${label(trail, names)} changed` });
};

/**
 * What changed between two versions of one task, field by field (title, guidelines, and the payload of any kind:
 * responses, steps and criteria matched by id). Pure and kind-independent, so every workspace's banner uses it;
 * `names` says how the expert knows an item (a response by its blind label).
 */
export const describeTaskChanges = (before: Task, after: Task, names: ItemNames = {}): TaskFieldChange[] => {
  const out: TaskFieldChange[] = [];
  for (const key of ['title', 'guidelines', 'project'] as const) walk(before[key], after[key], [key], out, names);
  if (before.payload.kind !== after.payload.kind) {
    out.push({ path: 'payload.kind', change: 'changed', summary: `The task became a ${after.payload.kind} task (it was ${before.payload.kind})` });
    return out;
  }
  walk(before.payload as unknown as Json, after.payload as unknown as Json, ['payload'], out, names);
  return out;
};
