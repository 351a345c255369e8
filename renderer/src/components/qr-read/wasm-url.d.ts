// renderer/vite.config.ts aliases this to zxing-wasm's zxing_reader.wasm, emitted as an asset.
declare module 'zxing-reader-wasm?url' {
  const url: string;
  export default url;
}
