// pdf.js's standard fonts (for PDFs that name Helvetica, Times… without embedding them) and its
// decoders' WebAssembly (JPEG 2000, JBIG2 — common in black-and-white scans — and colour
// profiles), emitted by Vite as same-origin assets: nothing is fetched from a CDN.
const assets = {
  ...import.meta.glob('../../../../node_modules/pdfjs-dist/standard_fonts/*.{pfb,ttf}', { query: '?url', import: 'default', eager: true }),
  ...import.meta.glob('../../../../node_modules/pdfjs-dist/wasm/*.wasm', { query: '?url', import: 'default', eager: true }),
} as Record<string, string>;

const byName = new Map(Object.entries(assets).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]));

/** pdf.js asks for `${base}${filename}`; these bases only say which kind it asks for. */
export const BUNDLED = { standardFontDataUrl: 'bundled://fonts/', wasmUrl: 'bundled://wasm/' } as const;

/**
 * pdf.js's BinaryDataFactory interface (`fetch({kind, filename})`), answered from the bundled
 * assets only: a file that is not bundled (CMaps are not) is refused, never looked up elsewhere.
 */
export class BundledDataFactory {
  async fetch({ filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const url = byName.get(filename);
    if (!url) throw new Error(`pdf.js data not bundled: ${filename}`);
    const res = await fetch(url);
    if (!res.ok) throw new Error(`pdf.js data ${filename}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  }
}
