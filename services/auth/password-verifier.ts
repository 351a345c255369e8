import { randomBytes, timingSafeEqual } from 'node:crypto';
import { argon2id } from 'hash-wasm';

/**
 * argon2id parameters for new verifiers: 64 MiB, 2 passes, 1 lane. Measured on the 2-core
 * development machine (hash-wasm, Node 20): ~160 ms per hash — slow enough to make guessing
 * from a stolen database expensive, fast enough that signing in does not feel slow.
 * The parameters are stored in each encoded verifier, so they can be raised later without
 * breaking existing passwords.
 */
export const PASSWORD_PARAMS = { memorySize: 65536, iterations: 2, parallelism: 1, hashLength: 32 } as const;
export type PasswordParams = { memorySize: number; iterations: number; parallelism: number; hashLength: number };

export const MIN_PASSWORD_LENGTH = 8;

export async function hashPassword(password: string, params: PasswordParams = PASSWORD_PARAMS): Promise<string> {
  return argon2id({ password, salt: randomBytes(16), ...params, outputType: 'encoded' });
}

const ENCODED = /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

const b64 = (s: string) => Buffer.from(s, 'base64');

/** Checks the shape and bounds of an encoded verifier (enrolment files carry them). */
export function isArgon2idVerifier(encoded: string): boolean {
  const m = ENCODED.exec(encoded);
  if (!m) return false;
  const mem = Number(m[1]);
  const t = Number(m[2]);
  // Bounds keep a hostile enrolment file from making every sign-in take minutes or gigabytes.
  return mem >= 8192 && mem <= 262144 && t >= 1 && t <= 10 && b64(m[4] ?? '').length >= 8 && b64(m[5] ?? '').length >= 16;
}

/** Recompute with the verifier's own salt and parameters; compare in constant time. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const m = ENCODED.exec(encoded);
  if (!m) return false;
  const expected = b64(m[5] ?? '');
  const actual = await argon2id({
    password,
    salt: b64(m[4] ?? ''),
    memorySize: Number(m[1]),
    iterations: Number(m[2]),
    parallelism: Number(m[3]),
    hashLength: expected.length,
    outputType: 'binary',
  });
  return actual.length === expected.length && timingSafeEqual(Buffer.from(actual), expected);
}

/** Used when a staff number is unknown, so a wrong number costs as much time as a wrong password. */
let dummy: Promise<string> | undefined;
export function dummyVerifier(params: PasswordParams = PASSWORD_PARAMS): Promise<string> {
  dummy ??= hashPassword(randomBytes(12).toString('hex'), params);
  return dummy;
}
