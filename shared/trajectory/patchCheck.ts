import { applyPatch, parsePatch, type StructuredPatch } from 'diff';

/**
 * Checks a unified diff with the `diff` library (never hand parsing): that it parses, that each file's hunks
 * apply to the base files the task carries, and which hunk fails. Paths in the headers are untrusted: an
 * absolute path or one with `..` is reported as hostile and never used to look anything up beyond the task's
 * own file list. Nothing here touches a file system.
 */

export interface HunkRef {
  /** 1-based index of the hunk within its file. */
  index: number;
  /** The hunk's header, e.g. `@@ -3,7 +3,8 @@`. */
  header: string;
  /** 1-based line of the hunk header in the patch text, when found. */
  patchLine: number | null;
}

export type FileCheckStatus = 'applies' | 'fails' | 'no-base' | 'hostile';

export interface FileCheck {
  oldPath: string;
  newPath: string;
  /** The path the patch changes, without the a/ b/ prefixes. */
  path: string;
  status: FileCheckStatus;
  /** Why a path is hostile: absolute, `..`, backslash, NUL, drive letter. */
  hostile: string | null;
  failingHunk: HunkRef | null;
  hunks: number;
  /** The patched text, when the file applies. */
  patched: string | null;
  /** The base text, when the task carries the file (or '' for a new file). */
  base: string | null;
}

export type PatchCheck =
  | { ok: true; files: FileCheck[]; empty: boolean }
  | { ok: false; parseError: string; files: FileCheck[]; empty: false };

const stripPrefix = (name: string | undefined): string => {
  const n = (name ?? '').replace(/\t.*$/, '').trim();
  return /^[ab]\//.test(n) ? n.slice(2) : n;
};

/** Why a header path may not be used, or null when it is a plain repository-relative path. */
export const hostilePathReason = (path: string): string | null => {
  if (path === '/dev/null') return null;
  if (path.includes('\0')) return 'contains a NUL character';
  if (path.startsWith('/')) return 'is an absolute path';
  if (/^[a-zA-Z]:/.test(path)) return 'is an absolute Windows path';
  if (path.includes('\\')) return 'contains a backslash';
  if (path.split('/').some((seg) => seg === '..')) return 'climbs out of the repository (..)';
  if (path.startsWith('~')) return 'points into a home folder';
  return null;
};

const hunkHeader = (h: StructuredPatch['hunks'][number]): string => `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`;

/** The 1-based line numbers of every hunk header in the text, in order. */
const hunkLines = (text: string): number[] => {
  const lines = text.split('\n');
  const result: number[] = [];
  lines.forEach((line, i) => {
    if (line.startsWith('@@ ')) result.push(i + 1);
  });
  return result;
};

export const checkPatch = (patchText: string, files: ReadonlyArray<{ path: string; content: string }>): PatchCheck => {
  if (patchText.trim() === '') return { ok: true, files: [], empty: true };
  let parsed: StructuredPatch[];
  try {
    parsed = parsePatch(patchText);
  } catch (error) {
    return { ok: false, parseError: error instanceof Error ? error.message : String(error), files: [], empty: false };
  }
  const base = new Map(files.map((f) => [f.path, f.content]));
  const headerLines = hunkLines(patchText);
  let hunkCursor = 0;
  const checks: FileCheck[] = [];
  for (const p of parsed) {
    if (p.hunks.length === 0 && !p.oldFileName && !p.newFileName) continue;
    const oldPath = (p.oldFileName ?? '').replace(/\t.*$/, '').trim();
    const newPath = (p.newFileName ?? '').replace(/\t.*$/, '').trim();
    const oldRel = stripPrefix(oldPath);
    const newRel = stripPrefix(newPath);
    const path = newRel === '/dev/null' || newRel === '' ? oldRel : newRel;
    const firstLine = hunkCursor;
    hunkCursor += p.hunks.length;
    const hostile = hostilePathReason(oldRel) ?? hostilePathReason(newRel);
    const common = { oldPath, newPath, path, hostile, hunks: p.hunks.length };
    if (hostile !== null) {
      checks.push({ ...common, status: 'hostile', failingHunk: null, patched: null, base: null });
      continue;
    }
    const isNew = oldRel === '/dev/null';
    const source = isNew ? '' : base.get(oldRel);
    if (source === undefined) {
      checks.push({ ...common, status: 'no-base', failingHunk: null, patched: null, base: null });
      continue;
    }
    let current = source;
    let failing: HunkRef | null = null;
    for (let i = 0; i < p.hunks.length; i++) {
      const hunk = p.hunks[i] as StructuredPatch['hunks'][number];
      const next = applyPatch(current, { ...p, hunks: [hunk] });
      if (next === false) {
        failing = { index: i + 1, header: hunkHeader(hunk), patchLine: headerLines[firstLine + i] ?? null };
        break;
      }
      current = next;
    }
    checks.push({ ...common, status: failing ? 'fails' : 'applies', failingHunk: failing, patched: failing ? null : current, base: source });
  }
  return { ok: true, files: checks, empty: false };
};

/** True when every file the patch touches is safe and every file the task carries applies. */
export const patchIsClean = (check: PatchCheck): boolean => check.ok && check.files.every((f) => f.status === 'applies' || f.status === 'no-base');
