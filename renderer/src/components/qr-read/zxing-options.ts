// The ZXing-C++ reader options of each look (read-qr-robustly.ts), shared by the decode worker
// and the benchmark so the numbers are those of what ships. The first look tries everything
// (rotations by 90°, inverted codes, downscaling); the sharpened and enlarged looks only the
// new pixels, which keeps a frame without a code cheap.
export const FIRST_LOOK = { formats: ['QRCode'], textMode: 'Plain' } as const;
export const EXTRA_LOOK = { formats: ['QRCode'], textMode: 'Plain', tryRotate: false, tryInvert: false, tryDownscale: false } as const;
