import type { AssayApi } from '@shared/ipc';
import { createHttpBridge } from './httpBridge';

declare global {
  interface Window {
    assay?: AssayApi;
  }
}

let current: AssayApi | null = null;

const resolveApi = (): AssayApi => {
  if (window.assay) return window.assay;
  const token = document.querySelector<HTMLMetaElement>('meta[name="assay-bridge-token"]')?.content;
  if (token) return createHttpBridge(token);
  throw new Error('Assay cannot reach its core: no preload bridge and no harness token.');
};

/** The only door from the renderer to the core. Tests swap it with setApi. */
export const api = (): AssayApi => (current ??= resolveApi());
export const setApi = (next: AssayApi): void => {
  current = next;
};

/** True in the desktop app (the preload's bridge), false in the browser harness. */
export const isDesktopShell = (): boolean => window.assay !== undefined;
