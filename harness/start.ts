// `npm run start:browser`: the app's core and the built renderer behind a loopback HTTP
// bridge, for development and E2E tests where Electron cannot run.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppCore } from '../services/core/app-core';
import { resolveKeyFile } from '../services/store/key-rotation';
import { buildCsp } from '../electron/common/csp';
import { startHttpBridge } from './http-bridge';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(process.env.COUNTERDESK_DATA_DIR ?? join(root, '.counterdesk-data'));
const port = Number(process.env.COUNTERDESK_PORT ?? 0);
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

mkdirSync(dataDir, { recursive: true, mode: 0o700 });
// Finishes the bookkeeping of a key rotation cut short (npm run store:rotate-key).
const { key, otherKeys } = resolveKeyFile(dataDir, join(dataDir, 'store.key'));
const scannerFolder = process.env.COUNTERDESK_SCANNER_DIR ? resolve(process.env.COUNTERDESK_SCANNER_DIR) : undefined;
const core = createAppCore({
  dataDir,
  key,
  otherKeys,
  version,
  log: (msg, err) => console.error(`[core] ${msg}`, err),
  ...(scannerFolder ? { scannerFolder } : {}),
  // A development and test tool: its machine configuration may come from COUNTERDESK_MACHINE_CONFIG.
  machineConfig: {
    ...(process.env.COUNTERDESK_MACHINE_CONFIG ? { path: resolve(process.env.COUNTERDESK_MACHINE_CONFIG) } : {}),
    requireReadOnly: false,
    allowStartConsoleCode: true,
  },
});
const bridge = await startHttpBridge({
  dispatch: core.dispatch,
  // COUNTERDESK_RENDERER_DIR: a renderer built elsewhere (engineers building side by side in one checkout).
  staticDir: process.env.COUNTERDESK_RENDERER_DIR ?? join(root, 'dist', 'renderer'),
  port,
  csp: (apiOrigin) => buildCsp({ connectSrc: [apiOrigin] }),
});

// One machine-readable line (E2E tests and scripts/start.mjs read it), then a human one.
// First run without a setup code in the machine configuration: the one-time code for this run,
// for whoever started it (before the URL line, which tells E2E tests the app is ready).
if (core.setupCode) console.log(`COUNTERDESK_SETUP_CODE=${core.setupCode}`);
console.log(`COUNTERDESK_URL=${bridge.url}`);
console.log(
  `Counterdesk (browser harness) for ${core.config.servicePoint.code}/${core.config.workstationId}: open the URL above in Chromium. Data: ${dataDir}`,
);

let closing = false;
async function shutdown() {
  if (closing) return;
  closing = true;
  await bridge.close();
  core.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
