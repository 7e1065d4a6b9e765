// npm run security: Electronegativity over the code that runs in Electron (electron/ and renderer/).
// Electronegativity always exits 0, so this script reads its CSV and decides. It takes one input folder and
// skips node_modules by name, so both folders are copied into one temporary folder and scanned together
// (its "global" checks, e.g. navigation limits, need to see main and renderer at once).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCANNED = ['electron', 'renderer'];
const FAILING = new Set(['HIGH', 'MEDIUM']);
// Asks for a manual review every time a preload is set; ours is reviewed in docs/security.md.
const ALWAYS_REVIEWED = new Set(['PRELOAD_JS_CHECK']);
// Findings reviewed by a person, pinned to file and code sample: any new or changed site fails the scan again.
// Each is explained in docs/security.md ("Reviewed scanner findings").
const REVIEWED = [
  { issue: 'OPEN_EXTERNAL_JS_CHECK', filename: 'electron/main/index.ts', sample: 'open: (url) => shell.openExternal(url),' },
  { issue: 'OPEN_EXTERNAL_JS_CHECK', filename: 'electron/core/handlers.ts', sample: 'return { opened: await deps.openExternal(href) };' },
  {
    issue: 'OPEN_EXTERNAL_JS_CHECK',
    filename: 'electron/core/worker/workerBackend.ts',
    sample: 'const opening = options.openExternal ? options.openExternal(message.url) : Promise.resolve(false);',
  },
  { issue: 'OPEN_EXTERNAL_JS_CHECK', filename: 'renderer/src/ui/markdown/ModelMarkdown.tsx', sample: 'void api().openExternal({ url: href });' },
];

const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const work = mkdtempSync(join(tmpdir(), 'assay-electronegativity-'));
const input = join(work, 'app');
const report = join(work, 'report.csv');

/** RFC 4180-ish: quoted fields with doubled quotes, commas and newlines inside quotes, CRLF or LF rows. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else field += c;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

function readFindings() {
  const [header, ...rows] = parseCsv(readFileSync(report, 'utf8'));
  const names = header.map((h) => h.trim());
  return rows.map((r) => Object.fromEntries(names.map((n, i) => [n, (r[i] ?? '').trim()])));
}

const isReviewed = (f) =>
  ALWAYS_REVIEWED.has(f.issue) || REVIEWED.some((r) => r.issue === f.issue && r.filename === f.filename && r.sample === f.sample);

function table(findings) {
  const cols = ['severity', 'confidence', 'issue', 'filename', 'location', 'sample'];
  const cell = (f, c) => (f[c].length > 70 ? `${f[c].slice(0, 67)}...` : f[c]);
  const widths = cols.map((c) => Math.max(c.length, ...findings.map((f) => cell(f, c).length)));
  const line = (values) => values.map((v, i) => v.padEnd(widths[i])).join('  ');
  return [line(cols), line(widths.map((w) => '-'.repeat(w))), ...findings.map((f) => line(cols.map((c) => cell(f, c))))].join('\n');
}

try {
  for (const folder of SCANNED) {
    if (existsSync(join(root, folder))) cpSync(join(root, folder), join(input, folder), { recursive: true });
  }
  const run = spawnSync(
    process.execPath,
    [join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', input, '-r', '-v', 'false', '-e', electronVersion, '-o', report],
    { cwd: work, encoding: 'utf8' },
  );
  if (run.error || !existsSync(report)) {
    console.error(`Security scan could not run Electronegativity: ${run.error?.message ?? run.stderr}`);
    process.exitCode = 1;
  } else {
    summarize(readFindings());
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

function summarize(findings) {
  const blocking = findings.filter((f) => FAILING.has(f.severity) && !isReviewed(f));
  const reviewed = findings.filter((f) => FAILING.has(f.severity) && isReviewed(f));
  const low = findings.length - blocking.length - reviewed.length;
  if (blocking.length > 0) {
    console.error(`Security scan FAILED: ${blocking.length} HIGH/MEDIUM finding(s) in ${SCANNED.join('/, ')}/ (Electron ${electronVersion}):\n`);
    console.error(table(blocking));
    console.error('\nFix them, or review one in docs/security.md and pin it in scripts/security-scan.mjs. See each issue at https://github.com/doyensec/electronegativity/wiki');
    process.exitCode = 1;
    return;
  }
  console.log(
    `Security scan passed: Electronegativity on ${SCANNED.join('/ + ')}/ for Electron ${electronVersion}: no unreviewed HIGH/MEDIUM findings ` +
      `(${reviewed.length} reviewed: ${[...new Set(reviewed.map((f) => f.issue))].join(', ') || 'none'}; ${low} low/informational).`,
  );
}
