#!/usr/bin/env node
// `npm start`: the Electron app where Electron is installed; otherwise the same app through
// the browser harness (one clear line says so). `npm run start:browser` forces the harness.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const browserOnly = process.argv.includes('--browser');

function electronBinary() {
  // Not `require('electron')`: since Electron 36 that starts a download when the binary is
  // missing, which on an offline counter PC prints a stack trace or hangs. The package
  // records the binary's relative path in path.txt once its install step has fetched it.
  try {
    const pkgDir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function step(args) {
  const r = spawnSync('npm', ['run', '--silent', ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

step(['build:renderer']);
const electron = browserOnly ? null : electronBinary();
let child;
if (electron) {
  step(['build:electron']);
  child = spawn(electron, ['.'], { stdio: 'inherit' });
} else {
  if (!browserOnly) {
    console.log('Electron is not installed on this machine (its binary could not be downloaded): starting the same app in the browser harness instead.');
  }
  child = spawn(process.execPath, ['--import', 'tsx', 'harness/start.ts'], { stdio: 'inherit' });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
