import type { Annotation } from '../domain';
import { blindLabelOf } from '../ranking/blindOrder';

/**
 * The field-level difference between two versions of a judgement: each leaf that changed, was added or was
 * removed, with its path (`stepRatings.s2`, `ranks.r1`, `authoredSteps[0].content`) and both values. What an
 * expert sees when a reviewer fixed their work.
 */
export interface FieldChange {
  path: string;
  /** undefined: the field was added. */
  before: unknown;
  /** undefined: the field was removed. */
  after: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const join = (base: string, key: string | number): string =>
  typeof key === 'number' ? `${base}[${key}]` : base === '' ? key : `${base}.${key}`;

export const fieldDiff = (before: unknown, after: unknown, path = ''): FieldChange[] => {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => fieldDiff(before[k], after[k], join(path, k)));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: FieldChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) out.push(...fieldDiff(before[i], after[i], join(path, i)));
    return out;
  }
  if (before === after || (Number.isNaN(before) && Number.isNaN(after))) return [];
  if (before === undefined && after === undefined) return [];
  return [{ path: path === '' ? '(whole judgement)' : path, before, after }];
};

/** A value as one line of text for the diff: strings as they are, the rest as JSON; absent as an em dash. */
export const fieldValueText = (value: unknown): string =>
  value === undefined ? '—' : typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));

/**
 * A diff path as the expert knows the field: in a ranking, response ids become the blind labels the expert saw
 * (`ratings.resp-3.correctness` → `ratings.Response C.correctness`). Other paths stay as they are.
 */
export const fieldLabel = (path: string, annotation: Annotation): string => {
  if (annotation.kind !== 'ranking') return path;
  return path.replace(/^(ranks|ratings)\.([^.[\]]+)/, (whole, field: string, id: string) => {
    const label = blindLabelOf(annotation.displayOrder, id);
    return label === null ? whole : `${field}.Response ${label}`;
  });
};
