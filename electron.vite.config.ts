import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer.config';

const root = __dirname;
const alias = { '@shared': resolve(root, 'shared') };

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      // Only package.json `dependencies` (the native better-sqlite3-multiple-ciphers) stay outside the bundle.
      externalizeDeps: true,
      // The core runs in its own worker thread, and an import reads its lines on another: entries beside the main process's.
      lib: {
        entry: {
          index: resolve(root, 'electron/main/index.ts'),
          coreWorker: resolve(root, 'electron/core/worker/coreWorker.ts'),
          importLineParser: resolve(root, 'electron/core/import/lineParserWorker.ts'),
        },
        formats: ['cjs'],
      },
      outDir: resolve(root, 'out/main'),
    },
  },
  preload: {
    resolve: { alias },
    build: {
      // A sandboxed preload cannot require() anything but a few Electron modules: bundle it all into one CJS file.
      externalizeDeps: false,
      lib: { entry: resolve(root, 'electron/preload/index.ts'), formats: ['cjs'] },
      outDir: resolve(root, 'out/preload'),
      rolldownOptions: { output: { codeSplitting: false } },
    },
  },
  // The same renderer build as the browser harness (vite.renderer.config.ts), written to out/renderer.
  renderer: rendererConfig(resolve(root, 'out/renderer')),
});
