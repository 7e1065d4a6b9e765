/**
 * Which Chromium the browser tests and `npm run bench` drive, decided over an injected file system, environment
 * and platform (so it is tested over fake machines of all three OSes; findChromium.ts binds the real ones).
 *
 * Order: `ASSAY_CHROMIUM` (and nothing else when it is set: a wrong path is an error, not a silent fallback),
 * then Chromium, Chrome or Edge on PATH, then in the usual install locations, then Playwright's own browser
 * (`npx playwright install chromium`). Debian's `/usr/bin/chromium` comes first on Linux, as it always has.
 */
import { posix, win32 } from 'node:path';

export type BrowserPlatform = 'linux' | 'darwin' | 'win32';

export interface ResolveChromiumDeps {
  /** `process.platform`; anything that is not darwin or win32 is treated as a Linux-like Unix. */
  platform: string;
  env: Readonly<Record<string, string | undefined>>;
  /** True when `path` is an existing file (a browser executable). */
  isFile(path: string): boolean;
  /** Where Playwright's own Chromium would be (playwright-core's `chromium.executablePath()`), if it can say. */
  playwrightChromium?: () => string | undefined;
}

export type ChromiumSource = 'ASSAY_CHROMIUM' | 'PATH' | 'install location' | 'Playwright';

export type ChromiumResolution =
  | { ok: true; path: string; source: ChromiumSource }
  | { ok: false; platform: BrowserPlatform; message: string };

export const normalisePlatform = (platform: string): BrowserPlatform =>
  platform === 'darwin' ? 'darwin' : platform === 'win32' ? 'win32' : 'linux';

/** Executable names looked up on PATH, best first. On Windows PATHEXT is not needed: these all end in .exe. */
const PATH_NAMES: Record<BrowserPlatform, string[]> = {
  linux: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome', 'microsoft-edge', 'microsoft-edge-stable'],
  darwin: ['chromium', 'google-chrome', 'chrome', 'microsoft-edge'],
  win32: ['chrome.exe', 'chromium.exe', 'msedge.exe'],
};

function installLocations(platform: BrowserPlatform, env: ResolveChromiumDeps['env']): string[] {
  if (platform === 'linux') {
    return [
      '/usr/bin/chromium',
      '/usr/lib/chromium/chromium',
      '/usr/bin/chromium-browser',
      '/usr/lib64/chromium-browser/chromium-browser',
      '/snap/bin/chromium',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
      '/opt/google/chrome/chrome',
      '/usr/bin/microsoft-edge',
      '/opt/microsoft/msedge/msedge',
      '/var/lib/flatpak/exports/bin/org.chromium.Chromium',
    ];
  }
  if (platform === 'darwin') {
    const apps = [
      'Chromium.app/Contents/MacOS/Chromium',
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
    const roots = ['/Applications', ...(env.HOME ? [posix.join(env.HOME, 'Applications')] : [])];
    return roots.flatMap((root) => apps.map((app) => posix.join(root, app)));
  }
  const bases = [env.LOCALAPPDATA, env.PROGRAMFILES ?? env.ProgramFiles, env['PROGRAMFILES(X86)'] ?? env['ProgramFiles(x86)']].filter(
    (b): b is string => Boolean(b),
  );
  const apps = ['Chromium\\Application\\chrome.exe', 'Google\\Chrome\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
  return apps.flatMap((app) => bases.map((base) => win32.join(base, app)));
}

function pathCandidates(platform: BrowserPlatform, env: ResolveChromiumDeps['env']): string[] {
  const raw = platform === 'win32' ? (env.Path ?? env.PATH ?? env.path) : env.PATH;
  if (!raw) return [];
  const dirs = raw.split(platform === 'win32' ? ';' : ':').filter((d) => d.trim() !== '');
  const join = platform === 'win32' ? win32.join : posix.join;
  return PATH_NAMES[platform].flatMap((name) => dirs.map((dir) => join(dir, name)));
}

/** The one line printed when no browser is found: what to install on this OS. */
export function installHint(platform: BrowserPlatform): string {
  const tail = 'or `npx playwright install chromium`, or set ASSAY_CHROMIUM to a Chromium-based browser.';
  if (platform === 'darwin') return `No Chromium, Chrome or Edge found: install one (\`brew install --cask chromium\` or Google Chrome in /Applications), ${tail}`;
  if (platform === 'win32') return `No Chromium, Chrome or Edge found: install one (\`winget install Google.Chrome\`), ${tail}`;
  return `No Chromium, Chrome or Edge found: install one (Debian/Ubuntu \`sudo apt-get install chromium\`, Fedora \`sudo dnf install chromium\`), ${tail}`;
}

export function resolveChromium(deps: ResolveChromiumDeps): ChromiumResolution {
  const platform = normalisePlatform(deps.platform);
  const explicit = deps.env.ASSAY_CHROMIUM?.trim();
  if (explicit) {
    if (deps.isFile(explicit)) return { ok: true, path: explicit, source: 'ASSAY_CHROMIUM' };
    return { ok: false, platform, message: `ASSAY_CHROMIUM is ${explicit}, which is not a file: point it at a Chromium, Chrome or Edge executable, or unset it.` };
  }
  // Debian's wrapper first, exactly as before this resolver existed (CI installs it with apt-get).
  const preferred = platform === 'linux' ? ['/usr/bin/chromium'] : [];
  for (const path of preferred) if (deps.isFile(path)) return { ok: true, path, source: 'install location' };
  for (const path of pathCandidates(platform, deps.env)) if (deps.isFile(path)) return { ok: true, path, source: 'PATH' };
  for (const path of installLocations(platform, deps.env)) if (deps.isFile(path)) return { ok: true, path, source: 'install location' };
  let bundled: string | undefined;
  try {
    bundled = deps.playwrightChromium?.();
  } catch {
    bundled = undefined; // playwright-core without a registry entry for this OS: nothing bundled.
  }
  if (bundled && deps.isFile(bundled)) return { ok: true, path: bundled, source: 'Playwright' };
  return { ok: false, platform, message: installHint(platform) };
}
