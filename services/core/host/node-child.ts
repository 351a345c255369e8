import type { ChildProcess } from 'node:child_process';
import type { CoreProcess } from './core-client';
import type { FromCore, MessageEnd } from './protocol';

/**
 * The same host under plain Node (child_process.fork with `serialization: 'advanced'`, so
 * Buffers cross as bytes): the tests' and the browser harness's way to run the core in its
 * own process, as Electron's utilityProcess does in the app.
 */
export function parentEndOfNodeChild(): MessageEnd<unknown, FromCore> {
  const send = process.send?.bind(process);
  if (!send) throw new Error('not started as a child process with an IPC channel');
  return {
    post: (m) => void send(m),
    onMessage: (listener) => void process.on('message', listener),
  };
}

export function coreProcessOfNodeChild(child: ChildProcess): CoreProcess {
  return {
    post: (m) => void child.send(m),
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.once('exit', (code) => listener(code)),
    kill: () => void child.kill('SIGKILL'),
  };
}
