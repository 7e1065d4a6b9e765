import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** The renderer's build, shared by electron-vite (the app) and the browser harness. */
export const rendererConfig = (outDir: string): UserConfig => ({
  root: here('./renderer'),
  base: './',
  plugins: [react()],
  resolve: { alias: { '@shared': here('./shared') } },
  worker: { format: 'es' },
  build: {
    outDir,
    emptyOutDir: true,
    minify: true,
    sourcemap: false,
    target: 'chrome130',
    // One local bundle loaded from disk: chunking buys nothing here.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: { input: here('./renderer/index.html') },
  },
});
