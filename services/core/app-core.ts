import { createDispatcher, type Dispatch, type Handlers } from '../../api/dispatch';
import { openStore, type Store } from '../store';
import { loadOrCreateWorkstationConfig, type WorkstationConfig } from './workstation-config';
import { createAppHandlers } from '../handlers/app-handlers';
import { createDraftHandlers } from '../handlers/draft-handlers';

export interface AppCoreOptions {
  /** Where the encrypted database, scans and workstation config live. */
  dataDir: string;
  /** 32-byte database key: unwrapped by safeStorage in Electron, read from a 0600 key file in the harness. */
  key: Buffer;
  version: string;
  log?: (msg: string, err?: unknown) => void;
}

export interface AppCore {
  dispatch: Dispatch;
  config: WorkstationConfig;
  store: Store;
  close(): void;
}

/**
 * Everything the app does, as plain Node: both the Electron shell and the browser harness
 * build exactly one of these and hand `dispatch` to their transport.
 */
export function createAppCore(opts: AppCoreOptions): AppCore {
  const config = loadOrCreateWorkstationConfig(opts.dataDir);
  const store = openStore({ dir: opts.dataDir, key: opts.key, workstationId: config.workstationId });
  const deps = { store, config, version: opts.version };
  const handlers: Handlers = {
    ...createAppHandlers(deps),
    ...createDraftHandlers(deps),
  };
  return {
    dispatch: createDispatcher(handlers, opts.log),
    config,
    store,
    close: () => store.close(),
  };
}

export interface CoreDeps {
  store: Store;
  config: WorkstationConfig;
  version: string;
}
