import { z } from 'zod';
import { appVersionSchema } from '../sync/appVersion';

/**
 * electron-builder's update manifest (`latest.yml`, `latest-mac.yml`, `latest-linux.yml`), the subset an
 * updater needs: the version, the installer files with their SHA-512 (base64) and size, and the staged rollout
 * percentage. Pure: a small reader for exactly the YAML electron-builder writes (top-level `key: value`, and a
 * `files:` list of `- key: value` maps), not a general YAML parser.
 */

export const updateFileSchema = z.object({
  url: z.string().min(1),
  sha512: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'a base64 SHA-512'),
  size: z.number().int().min(0).optional(),
});
export type UpdateFile = z.infer<typeof updateFileSchema>;

export const updateManifestSchema = z.object({
  version: appVersionSchema,
  files: z.array(updateFileSchema).min(1, 'names no installer'),
  releaseDate: z.string().optional(),
  /** 1-100: the share of installs offered this release (electron-builder's `stagingPercentage`). */
  stagingPercentage: z.number().min(0).max(100).optional(),
});
export type UpdateManifest = z.infer<typeof updateManifestSchema>;

const unquote = (raw: string): string => {
  const v = raw.trim();
  if (v.length >= 2 && ((v.startsWith("'") && v.endsWith("'")) || (v.startsWith('"') && v.endsWith('"')))) {
    return v.startsWith("'") ? v.slice(1, -1).replace(/''/g, "'") : v.slice(1, -1).replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  }
  return v;
};
const scalar = (raw: string): string | number => {
  const v = unquote(raw);
  return raw.trim() === v && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
};

/** The manifest's fields as plain data, or a message naming the line that could not be read. */
export const readManifestYaml = (text: string): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } => {
  const top: Record<string, unknown> = {};
  let list: Record<string, unknown>[] | null = null;
  let item: Record<string, unknown> | null = null;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const listItem = /^\s+-\s+([A-Za-z0-9_]+):\s*(.*)$/.exec(line);
    const nested = /^\s+([A-Za-z0-9_]+):\s*(.*)$/.exec(line);
    const topLevel = /^([A-Za-z0-9_]+):\s*(.*)$/.exec(line);
    if (listItem && list) {
      item = { [listItem[1] ?? '']: scalar(listItem[2] ?? '') };
      list.push(item);
    } else if (nested && item) {
      item[nested[1] ?? ''] = scalar(nested[2] ?? '');
    } else if (topLevel) {
      const [, key = '', value = ''] = topLevel;
      item = null;
      if (value.trim() === '') {
        list = [];
        top[key] = list;
      } else {
        list = null;
        top[key] = scalar(value);
      }
    } else {
      return { ok: false, message: `line ${i + 1}: not a line of an update manifest: ${JSON.stringify(line.slice(0, 80))}` };
    }
  }
  return { ok: true, value: top };
};

/** The manifest, checked; an error names the field (or line) that is wrong. */
export const parseUpdateManifest = (text: string): { ok: true; value: UpdateManifest } | { ok: false; message: string } => {
  const read = readManifestYaml(text);
  if (!read.ok) return read;
  const raw = read.value;
  // Old manifests name one file by `path` and `sha512` at the top level only.
  const files = Array.isArray(raw.files) ? raw.files : typeof raw.path === 'string' ? [{ url: raw.path, sha512: raw.sha512 }] : [];
  const parsed = updateManifestSchema.safeParse({ ...raw, version: typeof raw.version === 'number' ? String(raw.version) : raw.version, files });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `the update manifest's ${issue?.path.join('.') || 'content'} is wrong: ${issue?.message ?? 'unreadable'}` };
  }
  return { ok: true, value: parsed.data };
};

/** The manifest electron-updater reads on this OS and CPU (electron-builder's naming). */
export const manifestNameFor = (platform: string, arch: string): string => {
  if (platform === 'darwin') return 'latest-mac.yml';
  if (platform === 'win32') return 'latest.yml';
  return arch === 'x64' ? 'latest-linux.yml' : `latest-linux-${arch}.yml`;
};

/** The installer of a manifest this OS takes: the first whose name ends as wanted (AppImage, dmg/zip, exe). */
export const pickUpdateFile = (manifest: UpdateManifest, platform: string): UpdateFile | null => {
  const endings: Record<string, readonly string[]> = { linux: ['.AppImage', '.deb'], darwin: ['.zip', '.dmg'], win32: ['.exe'] };
  const wanted = endings[platform] ?? [];
  for (const ending of wanted) {
    const file = manifest.files.find((f) => f.url.endsWith(ending));
    if (file) return file;
  }
  return manifest.files[0] ?? null;
};

/**
 * The manifest with its staged rollout set to `percentage` (0-100; 100 removes the line: everyone). Every other
 * line is kept as electron-builder wrote it.
 */
export const withStagingPercentage = (yml: string, percentage: number): string => {
  if (!Number.isInteger(percentage) || percentage < 0 || percentage > 100) throw new Error(`A rollout percentage is a whole number from 0 to 100, not ${percentage}`);
  const eol = yml.includes('\r\n') ? '\r\n' : '\n';
  const kept = yml.split(/\r?\n/).filter((line) => !/^stagingPercentage:/.test(line));
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  if (percentage < 100) kept.push(`stagingPercentage: ${percentage}`);
  return kept.join(eol) + eol;
};

/** The manifest names electron-builder writes, one per OS/CPU family the app ships for. */
export const KNOWN_MANIFESTS = ['latest.yml', 'latest-mac.yml', 'latest-linux.yml', 'latest-linux-arm64.yml'] as const;
