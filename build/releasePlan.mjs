// What `npm run package` does about code signing and notarization, from the environment alone. Pure: no file,
// no network; the secrets' values are never printed. electron-builder itself reads the same variables
// (CSC_LINK, CSC_KEY_PASSWORD, APPLE_ID, ...); this decides what to skip, with one line each, and refuses a
// half-set group before a long build starts. Details: docs/release.md.

/** The complete ways to notarize a macOS app (electron-builder 26 / @electron/notarize). */
export const NOTARIZE_GROUPS = Object.freeze([
  Object.freeze(['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']),
  Object.freeze(['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER']),
  Object.freeze(['APPLE_KEYCHAIN_PROFILE']),
]);

const set = (env, name) => typeof env[name] === 'string' && env[name].trim() !== '';

/** The certificate electron-builder would sign with on this OS, by the variable that names it, or null. */
const signingSource = (env, os) => {
  if (os === 'win' && set(env, 'WIN_CSC_LINK')) return 'WIN_CSC_LINK';
  if (set(env, 'CSC_LINK')) return 'CSC_LINK';
  if (os === 'mac' && set(env, 'CSC_NAME')) return 'CSC_NAME (a Keychain identity)';
  return null;
};

/**
 * @param {Record<string, string | undefined>} env
 * @param {'mac' | 'win' | 'linux'} os the installers being built
 * @returns {{ lines: string[], problems: string[], builderArgs: string[], env: Record<string, string> }}
 *   lines to print, problems that stop the build, extra electron-builder `-c` arguments, variables to set.
 */
export function releasePlan(env, os) {
  const lines = [];
  const problems = [];
  const builderArgs = [];
  const extraEnv = {};
  if (os === 'linux') {
    lines.push('Code signing: none for AppImage and deb (publish their SHA-512 in latest-linux.yml; the app checks it).');
    return { lines, problems, builderArgs, env: extraEnv };
  }
  const source = signingSource(env, os);
  if (source === null) {
    lines.push(`Code signing: skipped (no ${os === 'win' ? 'WIN_CSC_LINK or CSC_LINK' : 'CSC_LINK or CSC_NAME'} in the environment); the ${os === 'mac' ? 'dmg' : 'installer'} is unsigned.`);
    // No searching the Keychain for some other identity either: an unsigned build is said, not guessed.
    extraEnv.CSC_IDENTITY_AUTO_DISCOVERY = 'false';
    if (os === 'mac') builderArgs.push('-c.mac.identity=null');
  } else {
    const link = source === 'WIN_CSC_LINK' || source === 'CSC_LINK';
    const password = os === 'win' && set(env, 'WIN_CSC_KEY_PASSWORD') ? 'WIN_CSC_KEY_PASSWORD' : 'CSC_KEY_PASSWORD';
    if (link && !set(env, password)) problems.push(`${source} is set but ${password} is not: the certificate cannot be opened.`);
    lines.push(`Code signing: with the certificate from ${source}.`);
  }
  if (os !== 'mac') return { lines, problems, builderArgs, env: extraEnv };

  const complete = NOTARIZE_GROUPS.find((group) => group.every((name) => set(env, name)));
  const partial = NOTARIZE_GROUPS.find((group) => group.some((name) => set(env, name)) && !group.every((name) => set(env, name)));
  if (partial && !complete) {
    problems.push(`Notarization: ${partial.filter((n) => set(env, n)).join(', ')} set but ${partial.filter((n) => !set(env, n)).join(', ')} missing.`);
  } else if (!complete) {
    lines.push('Notarization: skipped (no APPLE_ID/APPLE_APP_SPECIFIC_PASSWORD/APPLE_TEAM_ID, APPLE_API_KEY/APPLE_API_KEY_ID/APPLE_API_ISSUER or APPLE_KEYCHAIN_PROFILE); Gatekeeper will warn on first open.');
    builderArgs.push('-c.mac.notarize=false');
  } else if (source === null) {
    problems.push('Notarization needs a signed app: set CSC_LINK (and CSC_KEY_PASSWORD) or CSC_NAME as well.');
  } else {
    lines.push(`Notarization: with ${complete.join(', ')}.`);
    builderArgs.push('-c.mac.notarize=true');
  }
  return { lines, problems, builderArgs, env: extraEnv };
}
