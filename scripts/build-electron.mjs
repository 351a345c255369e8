#!/usr/bin/env node
// `npm run build:electron`: bundles the Electron main process and the preload with esbuild.
//   dist-electron/main.cjs    electron/main/main.ts   (Node, CJS; native and file-reading modules stay external)
//   dist-electron/core.cjs    electron/main/core-process.ts (the app core's utility process: store, hashing, PDFs)
//   dist-electron/preload.cjs electron/preload/preload.ts (sandboxed preload: one file, only `require('electron')`)
// The preload gets the contract's method names as a constant, so it needs no zod at run time.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Kept out of the main bundle and loaded from node_modules at run time: Electron itself,
 * the native SQLite binding (unpacked from the asar by electron-builder.yml), and pdfkit,
 * which reads its font metrics from files next to its own source.
 */
export const MAIN_EXTERNALS = ['electron', 'better-sqlite3-multiple-ciphers', 'pdfkit'];
export const PRELOAD_EXTERNALS = ['electron'];

/** The contract's method names, read from api/contract.ts itself (bundled in memory and imported). */
export async function contractMethods(root = ROOT) {
  const out = await build({
    entryPoints: [join(root, 'api', 'contract.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]?.text ?? '';
  const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  const methods = mod.METHODS;
  if (!Array.isArray(methods) || methods.length === 0 || !methods.every((m) => typeof m === 'string')) {
    throw new Error('api/contract.ts does not export a non-empty METHODS list');
  }
  return methods;
}

export function mainBuildOptions(root = ROOT, outDir = join(root, 'dist-electron')) {
  return {
    entryPoints: [join(root, 'electron', 'main', 'main.ts')],
    outfile: join(outDir, 'main.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22', // Electron 45 bundles Node 22 or newer: a floor, not an exact match
    external: MAIN_EXTERNALS,
    sourcemap: 'linked',
    logLevel: 'warning',
    metafile: true,
    // Shared modules written as ESM use import.meta.url for defaults (e.g. the font folder when
    // none is passed); in the CJS bundle it means this file, as it would in ESM.
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl' },
  };
}

/** The core's utility process: the same Node settings as main, its own entry. */
export function coreBuildOptions(root = ROOT, outDir = join(root, 'dist-electron')) {
  return { ...mainBuildOptions(root, outDir), entryPoints: [join(root, 'electron', 'main', 'core-process.ts')], outfile: join(outDir, 'core.cjs') };
}

export function preloadBuildOptions(methods, root = ROOT, outDir = join(root, 'dist-electron')) {
  return {
    entryPoints: [join(root, 'electron', 'preload', 'preload.ts')],
    outfile: join(outDir, 'preload.cjs'),
    bundle: true,
    // A sandboxed preload is a browser context with `require('electron')` and little else.
    platform: 'browser',
    format: 'cjs',
    target: 'chrome140',
    external: PRELOAD_EXTERNALS,
    define: { __COUNTERDESK_METHODS__: JSON.stringify(methods) },
    logLevel: 'warning',
    metafile: true,
  };
}

/** Builds both bundles; returns their sizes in bytes and the method names baked into the preload. */
export async function buildElectron({ root = ROOT, outDir = join(root, 'dist-electron') } = {}) {
  mkdirSync(outDir, { recursive: true });
  const methods = await contractMethods(root);
  const [main, core, preload] = await Promise.all([
    build(mainBuildOptions(root, outDir)),
    build(coreBuildOptions(root, outDir)),
    build(preloadBuildOptions(methods, root, outDir)),
  ]);
  const size = (result, file) => result.metafile.outputs[Object.keys(result.metafile.outputs).find((p) => p.endsWith(file)) ?? '']?.bytes ?? 0;
  const warnings = [...main.warnings, ...core.warnings, ...preload.warnings];
  return {
    methods,
    mainBytes: size(main, 'main.cjs'),
    coreBytes: size(core, 'core.cjs'),
    preloadBytes: size(preload, 'preload.cjs'),
    mainFile: join(outDir, 'main.cjs'),
    coreFile: join(outDir, 'core.cjs'),
    preloadFile: join(outDir, 'preload.cjs'),
    warnings: warnings.length,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  const r = await buildElectron();
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(
    `dist-electron: main.cjs ${kb(r.mainBytes)}, core.cjs ${kb(r.coreBytes)}, preload.cjs ${kb(r.preloadBytes)} (${r.methods.length} API methods) in ${Math.round(performance.now() - started)} ms`,
  );
  if (r.warnings > 0) {
    console.error(`${r.warnings} esbuild warning(s): fix them, a warning here is usually a run-time failure in Electron`);
    process.exit(1);
  }
}
