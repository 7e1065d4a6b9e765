// electron-builder afterPack hook: flip Electron's fuses in the packaged binary, before it is signed.
// https://www.electronjs.org/docs/latest/tutorial/fuses
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import builder from 'electron-builder';

const { Arch } = builder;

const FUSES = {
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
};

const binaryPath = (context) => {
  const ext = { darwin: '.app', mas: '.app', win32: '.exe', linux: '' }[context.electronPlatformName];
  const name = context.electronPlatformName === 'linux' ? context.packager.executableName : context.packager.appInfo.productFilename;
  return join(context.appOutDir, `${name}${ext}`);
};

export default async function afterPack(context) {
  const binary = binaryPath(context);
  // Offline config smoke tests package a placeholder instead of Electron (see docs/security.md); only then,
  // and only when asked, are the fuses skipped. A real binary is tens of megabytes.
  if (process.env.ASSAY_PLACEHOLDER_ELECTRON === '1' && context.electronPlatformName === 'linux' && statSync(binary).size < 1024 * 1024) {
    console.warn(`afterPack: ${binary} is a placeholder, not Electron: fuses NOT flipped. Never ship this build.`);
    return;
  }
  await context.packager.addElectronFuses(context, {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === Arch.arm64,
    ...FUSES,
  });
}
