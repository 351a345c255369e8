import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// The ZXing-C++ WebAssembly of the zxing-wasm the QR decode worker imports (glue and .wasm
// must match), bundled as an asset so a counter never fetches it from a CDN (issue 16).
// Imported as 'zxing-reader-wasm?url'.
const zxingReaderWasm = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');

// The renderer is built once and served by either app:// (Electron) or the loopback
// harness: relative asset URLs, no inline scripts (the CSP forbids them).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  resolve: { alias: [{ find: /^zxing-reader-wasm\?url$/, replacement: `${zxingReaderWasm}?url` }] },
  // The QR decode worker imports modules: built as an ES module worker, served from 'self'.
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'chrome120',
  },
});
