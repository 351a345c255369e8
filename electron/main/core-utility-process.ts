import type { CoreProcess } from '../../services/core/host/core-client';

/** The part of Electron's `utilityProcess` module this file uses. */
export interface UtilityProcessModule {
  fork(modulePath: string, args?: string[], options?: { serviceName?: string; stdio?: 'inherit' | 'ignore' | 'pipe' }): UtilityProcessLike;
}
export interface UtilityProcessLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  once(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

/** Starts dist-electron/core.cjs as a utility process and presents it as the host's CoreProcess. */
export function forkCoreProcess(utilityProcess: UtilityProcessModule, corePath: string): CoreProcess {
  const child = utilityProcess.fork(corePath, [], { serviceName: 'Counterdesk core', stdio: 'inherit' });
  return {
    post: (m) => child.postMessage(m),
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.once('exit', (code) => listener(code)),
    kill: () => void child.kill(),
  };
}
