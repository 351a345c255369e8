import { decompressP256 } from './p256';

/**
 * Checks an ES256 signature (ECDSA P-256 with SHA-256, raw r || s as COSE and WebCrypto use).
 * Injected into the checks so they stay pure and synchronous-testable: the core and the
 * browser both pass `globalThis.crypto.subtle`.
 */
export type SignatureVerifier = (
  publicKeyCompressed: Uint8Array,
  signature: Uint8Array<ArrayBuffer>,
  signed: Uint8Array<ArrayBuffer>,
) => Promise<SignatureCheck>;
export type SignatureCheck = 'valid' | 'invalid' | 'bad_key';

/** The slice of SubtleCrypto used, so a test can pass a stand-in. */
export type SubtleForEs256 = Pick<SubtleCrypto, 'importKey' | 'verify'>;

export function createEs256Verifier(subtle: SubtleForEs256): SignatureVerifier {
  return async (publicKeyCompressed, signature, signed) => {
    const point = decompressP256(publicKeyCompressed);
    if (!point) return 'bad_key';
    try {
      const key = await subtle.importKey('raw', point, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
      return (await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, signed)) ? 'valid' : 'invalid';
    } catch {
      // A point WebCrypto still rejects (e.g. the point at infinity) is not a key the phone made.
      return 'bad_key';
    }
  };
}
