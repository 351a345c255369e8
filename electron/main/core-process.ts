// Entry of the app core's own process: an Electron utilityProcess in the app (bundled as
// dist-electron/core.cjs), so SQLCipher, argon2id, pdfkit and scan writes never stall the
// main process that drives the windows (issue 11, item 7). The same bundle runs under plain
// Node (child_process.fork) where Electron is absent, as in the tests.
import { createAppCore } from '../../services/core/app-core';
import { serveCore } from '../../services/core/host/core-host';
import { parentEndOfNodeChild } from '../../services/core/host/node-child';
import type { FromCore, MessageEnd } from '../../services/core/host/protocol';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}

function parentEnd(): MessageEnd<unknown, FromCore> {
  const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
  if (!parentPort) return parentEndOfNodeChild();
  return {
    post: (m) => parentPort.postMessage(m),
    onMessage: (listener) => parentPort.on('message', (e) => listener(e.data)),
  };
}

// A development run (unpackaged) without a setup code in the machine configuration: the code
// for this run goes to the console that started it; the installed app never makes one.
const buildCore = (opts: Parameters<typeof createAppCore>[0]) => {
  const core = createAppCore(opts);
  if (core.setupCode) console.log(`COUNTERDESK_SETUP_CODE=${core.setupCode}`);
  return core;
};

serveCore(parentEnd(), buildCore, {
  log: (msg, err) => (err === undefined ? console.error(`[counterdesk core] ${msg}`) : console.error(`[counterdesk core] ${msg}`, err)),
  exit: (code) => setImmediate(() => process.exit(code)),
});
