import type { z } from 'zod';

type PathKey = PropertyKey;

/** `payload.responses[1].content`: the way an expert would point at a field in the JSON. */
export const formatFieldPath = (path: readonly PathKey[]): string =>
  path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    const name = String(key);
    return acc === '' ? name : `${acc}.${name}`;
  }, '');

const valueAt = (root: unknown, path: readonly PathKey[]): unknown => {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
};

const typeName = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
};

const EXPECTED_NAMES: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};
const expectedName = (expected: string): string => EXPECTED_NAMES[expected] ?? expected;

const quoted = (value: unknown): string => {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
};

const choices = (values: readonly unknown[]): string => values.map(quoted).join(', ');

const sizeText = (issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, bound: number | bigint, lastKey: PathKey | undefined): string => {
  const n = Number(bound);
  switch (issue.origin) {
    case 'array':
    case 'set':
      if (typeof lastKey === 'string' && n !== 1) return `${n} ${lastKey}`;
      return n === 1 ? '1 entry' : `${n} entries`;
    case 'string':
      return n === 1 ? '1 character' : `${n} characters`;
    default:
      return String(n);
  }
};

/**
 * Turns a zod issue into words for an expert fixing a file by hand. `input` is the whole value that was
 * validated, so the message can say what was actually found at the path.
 */
export const describeIssue = (issue: z.core.$ZodIssue, input: unknown): string => {
  const found = valueAt(input, issue.path);
  const lastKey = issue.path.at(-1);
  switch (issue.code) {
    case 'invalid_type':
      if (found === undefined) return 'required field is missing';
      return `expected ${expectedName(issue.expected)}, found ${typeName(found)}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      if ((issue.origin === 'array' || issue.origin === 'set') && Number(issue.minimum) === 1) return 'must have at least 1 entry';
      return `expected at least ${sizeText(issue, issue.minimum, lastKey)}`;
    case 'too_big':
      return `expected at most ${sizeText(issue, issue.maximum, lastKey)}`;
    case 'invalid_value':
      if (issue.path.length === 1 && issue.path[0] === 'schemaVersion') {
        return `schema version ${quoted(found)} is not one this version of Assay reads (expected ${choices(issue.values)}); update Assay or re-export the file`;
      }
      if (found === undefined) return `required field is missing; expected ${choices(issue.values)}`;
      return `expected ${issue.values.length === 1 ? choices(issue.values) : `one of ${choices(issue.values)}`}, found ${quoted(found)}`;
    case 'invalid_union': {
      const options = 'options' in issue && Array.isArray(issue.options) ? issue.options : null;
      if (options !== null) {
        return found === undefined ? `required field is missing; expected one of ${choices(options)}` : `expected one of ${choices(options)}, found ${quoted(found)}`;
      }
      return issue.message;
    }
    default:
      return issue.message;
  }
};
