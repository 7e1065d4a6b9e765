// Stands in for the `electron` module in Vitest: any test that reaches it by accident fails loudly.
const refuse = (): never => {
  throw new Error('The real electron module is not available in tests; inject a fake instead.');
};
export const app = new Proxy({}, { get: refuse });
export const ipcMain = new Proxy({}, { get: refuse });
export const contextBridge = new Proxy({}, { get: refuse });
export const ipcRenderer = new Proxy({}, { get: refuse });
export const safeStorage = new Proxy({}, { get: refuse });
export default { app, ipcMain, contextBridge, ipcRenderer, safeStorage };
