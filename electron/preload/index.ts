import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildAssayApi } from './buildAssayApi';

const api = buildAssayApi(
  (channel, input) => ipcRenderer.invoke(channel, input),
  (channel, handler) => {
    const listener = (_event: IpcRendererEvent, payload: unknown) => handler(payload);
    ipcRenderer.on(channel, listener);
    return () => {
      ipcRenderer.removeListener(channel, listener);
    };
  },
);

contextBridge.exposeInMainWorld('assay', api);
