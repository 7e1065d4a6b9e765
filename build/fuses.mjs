// The fuses every packaged Assay must carry, and the check that reads them back from the packaged binary.
// https://www.electronjs.org/docs/latest/tutorial/fuses (table and reasons: docs/security.md)
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';

/** Fuse index -> wanted state (true = on). */
export const EXPECTED_FUSES = Object.freeze({
  // No `ELECTRON_RUN_AS_NODE=1 Assay script.js`: the binary cannot be used as a plain Node with our signature.
  [FuseV1Options.RunAsNode]: false,
  // No NODE_OPTIONS / --inspect: nothing can inject code into, or attach a debugger to, the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Load the app only from app.asar, and check that archive against the hash embedded at build time
  // (macOS and Windows; Linux has no embedded integrity yet).
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Cookies on disk are encrypted with an OS-protected key.
  [FuseV1Options.EnableCookieEncryption]: true,
});

// The bytes of a fuse wire (@electron/fuses FuseState): '0', '1', 'r' and the "not set" marker.
const DISABLE = 48;
const ENABLE = 49;
const REMOVED = 114;

const fuseName = (index) => FuseV1Options[index] ?? `fuse #${index}`;

/**
 * Pure: the expected fuse map against the wire read from a binary (getCurrentFuseWire's shape: `version` and
 * index -> state byte). Returns one line per problem; empty when every expected fuse is as wanted.
 */
export function fuseProblems(expected, wire) {
  if (wire.version !== FuseVersion.V1) return [`fuse wire version is ${wire.version}, this check knows version ${FuseVersion.V1}`];
  const problems = [];
  for (const [key, wanted] of Object.entries(expected)) {
    const name = fuseName(Number(key));
    const state = wire[key];
    const want = wanted ? 'on' : 'off';
    if (state === undefined) problems.push(`${name} is missing from the binary's fuse wire (wanted ${want})`);
    else if (state === REMOVED) problems.push(`${name} was removed from this Electron (wanted ${want})`);
    else if (state !== ENABLE && state !== DISABLE) problems.push(`${name} was never flipped (state byte ${state}, wanted ${want})`);
    else if ((state === ENABLE) !== wanted) problems.push(`${name} is ${state === ENABLE ? 'on' : 'off'}, wanted ${want}`);
  }
  return problems;
}

/** Reads the fuses back from the packaged binary (file, .exe or .app) and throws, failing the build, if any is wrong. */
export async function verifyPackagedFuses(binary, expected = EXPECTED_FUSES) {
  const problems = fuseProblems(expected, await getCurrentFuseWire(binary));
  if (problems.length > 0) throw new Error(`Fuses wrong in ${binary}:\n- ${problems.join('\n- ')}`);
}
