// Entry of the core's process under plain Node (tests; the browser harness may use it too).
import { createAppCore } from '../app-core';
import { serveCore } from './core-host';
import { parentEndOfNodeChild } from './node-child';

const port = parentEndOfNodeChild();
serveCore(port, createAppCore, {
  log: (msg, err) => console.error(`[core] ${msg}`, err ?? ''),
  exit: (code) => setImmediate(() => process.exit(code)),
});
// The window process went away without saying so: close rather than linger holding the database.
process.on('disconnect', () => process.exit(0));
