import { parsePatch } from 'diff';

export interface PatchHunk {
  file: string;
  /** 0-based index of the hunk within its file. */
  hunk: number;
  header: string;
}

const stripPrefix = (name: string | undefined): string => {
  const n = (name ?? '').replace(/\t.*$/, '').trim();
  return /^[ab]\//.test(n) ? n.slice(2) : n;
};

/** The hunks of a unified diff, file by file, as comments anchor to them; none when the patch does not parse. */
export const patchHunks = (patch: string): PatchHunk[] => {
  if (patch.trim() === '') return [];
  try {
    return parsePatch(patch).flatMap((p) => {
      const newName = stripPrefix(p.newFileName);
      const file = newName === '' || newName === '/dev/null' ? stripPrefix(p.oldFileName) : newName;
      return p.hunks.map((h, hunk) => ({ file, hunk, header: `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@` }));
    });
  } catch {
    return [];
  }
};
