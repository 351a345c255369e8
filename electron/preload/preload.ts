import { contextBridge, ipcRenderer } from 'electron';
import { buildPreloadApi } from './preload-api';

// The contract's method names, injected by scripts/build-electron.mjs from api/contract.ts:
// the sandboxed preload stays small (no zod) and validation happens in main anyway.
declare const __COUNTERDESK_METHODS__: readonly string[];

contextBridge.exposeInMainWorld(
  'counterdesk',
  buildPreloadApi(__COUNTERDESK_METHODS__, (channel, input) => ipcRenderer.invoke(channel, input)),
);
