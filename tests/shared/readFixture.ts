import { readFileSync } from 'node:fs';

/** Reads tests/fixtures/<name> as UTF-8 text, BOM and line endings untouched. */
export const readFixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
