import { z } from 'zod';

/**
 * A release on the platform's update feed: the files electron-builder writes for one version (installers,
 * blockmaps, and the `latest*.yml` manifests electron-updater's generic provider reads), under a channel.
 * Pure checks, so the CLI refuses an incomplete release before storing anything.
 */

export const releaseChannelSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'a channel such as stable or beta (lowercase letters, digits, -)');

/** A bare file name: no folders, no `..`, nothing a URL would need to escape beyond a space. */
export const releaseFileNameSchema = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._ +-]*$/, 'a bare file name (letters, digits, . _ - + and spaces; no folders)')
  .refine((n) => !n.includes('..'), 'a bare file name without ".."');

export const isManifestName = (name: string): boolean => /^latest(-[a-z0-9]+)*\.yml$/.test(name);

/** The file names a manifest points at: every `url:` and `path:` value (electron-builder's latest*.yml). */
export const manifestReferences = (yml: string): string[] => {
  const names = new Set<string>();
  for (const line of yml.split(/\r?\n/)) {
    const m = /^\s*(?:-\s*)?(?:url|path):\s*(.+?)\s*$/.exec(line);
    const raw = m?.[1];
    if (raw === undefined) continue;
    names.add(raw.replace(/^(['"])(.*)\1$/, '$2'));
  }
  return [...names];
};

/** Problems with a release made of these files (name -> text of manifests); empty when it can be published. */
export const releaseProblems = (files: ReadonlyMap<string, string | null>): string[] => {
  const problems: string[] = [];
  const names = [...files.keys()];
  for (const name of names) {
    const ok = releaseFileNameSchema.safeParse(name);
    if (!ok.success) problems.push(`${JSON.stringify(name)}: ${ok.error.issues[0]?.message ?? 'not a file name'}`);
  }
  const manifests = names.filter(isManifestName);
  if (manifests.length === 0) problems.push('no latest*.yml among the files: electron-updater finds a release only through it');
  for (const manifest of manifests) {
    const text = files.get(manifest) ?? '';
    if (!/^version:\s*\S+/m.test(text)) problems.push(`${manifest}: no "version:" line`);
    const refs = manifestReferences(text);
    if (refs.length === 0) problems.push(`${manifest}: names no file (no url: or path:)`);
    for (const ref of refs) if (!files.has(ref)) problems.push(`${manifest} points at ${ref}, which is not among the files given`);
  }
  return problems;
};
