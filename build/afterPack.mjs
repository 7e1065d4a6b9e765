// electron-builder afterPack hook: flip Electron's fuses in the packaged binary, before it is signed, and read
// them back (build/fuses.mjs): a wrong fuse fails the build.
// https://www.electronjs.org/docs/latest/tutorial/fuses
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { FuseVersion } from '@electron/fuses';
import builder from 'electron-builder';
import { EXPECTED_FUSES, verifyPackagedFuses } from './fuses.mjs';

const { Arch } = builder;

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
    ...EXPECTED_FUSES,
  });
  // Read them back from the binary that will ship: a fuse that did not take fails the build here.
  await verifyPackagedFuses(binary);
  console.log(`afterPack: fuses verified in ${binary}`);
}
