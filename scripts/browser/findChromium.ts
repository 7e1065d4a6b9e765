/** The real machine's Chromium for the browser tests and the bench (the decision itself: resolveChromium.ts). */
import { statSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { resolveChromium, type ChromiumResolution } from './resolveChromium';

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumResolution {
  return resolveChromium({ platform: process.platform, env, isFile, playwrightChromium: () => chromium.executablePath() });
}

/** The browser's path, or one line on stderr saying what to install on this OS, and exit 1 at once. */
export function chromiumOrExit(env: NodeJS.ProcessEnv = process.env): string {
  const found = findChromium(env);
  if (found.ok) return found.path;
  process.stderr.write(`${found.message}\n`);
  process.exit(1);
}
