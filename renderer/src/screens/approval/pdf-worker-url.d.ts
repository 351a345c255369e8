// Vite's `?url` import: the asset's URL in the built renderer (a same-origin file, never inlined).
declare module 'pdfjs-dist/build/pdf.worker.min.mjs?url' {
  const url: string;
  export default url;
}
