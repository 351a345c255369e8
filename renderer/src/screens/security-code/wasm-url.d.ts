// renderer/vite.config.ts aliases this to the ponyfill's own zxing_reader.wasm, emitted as an asset.
declare module 'barcode-detector-wasm?url' {
  const url: string;
  export default url;
}
