// P-256 (secp256r1) point decompression, so the QR can carry a 33-byte compressed key while
// WebCrypto imports only the 65-byte uncompressed form in every browser. p ≡ 3 (mod 4), so
// the square root is a single exponentiation. Also rejects x not on the curve.

const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;
const A = P - 3n;

function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  let r = 1n;
  let b = base % m;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}

const toBig = (bytes: Uint8Array): bigint => bytes.reduce((v, x) => (v << 8n) | BigInt(x), 0n);

function toBytes32(v: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let x = v;
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

/** 0x04 || x || y for a compressed point (0x02/0x03 || x), or undefined if it is not a point on P-256. */
export function decompressP256(compressed: Uint8Array): Uint8Array<ArrayBuffer> | undefined {
  if (compressed.length !== 33) return undefined;
  const prefix = compressed[0];
  if (prefix !== 2 && prefix !== 3) return undefined;
  const x = toBig(compressed.subarray(1));
  if (x >= P) return undefined;
  const rhs = (((x * x) % P) * x + A * x + B) % P;
  let y = modPow(rhs, (P + 1n) / 4n, P);
  if ((y * y) % P !== rhs) return undefined;
  if ((y & 1n) !== BigInt(prefix & 1)) y = P - y;
  const out = new Uint8Array(65);
  out[0] = 4;
  out.set(compressed.subarray(1), 1);
  out.set(toBytes32(y), 33);
  return out;
}

/** The compressed form of an uncompressed point (0x04 || x || y), as the phone puts it in the QR. */
export function compressP256(uncompressed: Uint8Array): Uint8Array<ArrayBuffer> {
  if (uncompressed.length !== 65 || uncompressed[0] !== 4) throw new RangeError('not an uncompressed P-256 point');
  const out = new Uint8Array(33);
  out[0] = 2 + ((uncompressed[64] ?? 0) & 1);
  out.set(uncompressed.subarray(1, 33), 1);
  return out;
}
