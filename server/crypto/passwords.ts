import { randomBytes, timingSafeEqual } from 'node:crypto';
import { argon2id } from 'hash-wasm';

// The same argon2id encoded verifiers as the workstation's (services/auth/password-verifier.ts):
// they travel to workstations in pull for offline sign-in, so both sides must read them.
// server/ may not import services/, hence this small twin.

export const PASSWORD_PARAMS = { memorySize: 65536, iterations: 2, parallelism: 1, hashLength: 32 } as const;
export const MIN_PASSWORD_LENGTH = 8;

export const hashPassword = (
  password: string,
  params: typeof PASSWORD_PARAMS | { memorySize: number; iterations: number; parallelism: number; hashLength: number } = PASSWORD_PARAMS,
) => argon2id({ password, salt: randomBytes(16), ...params, outputType: 'encoded' });

const ENCODED = /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const m = ENCODED.exec(encoded);
  if (!m) return false;
  const expected = Buffer.from(m[5] ?? '', 'base64');
  const actual = await argon2id({
    password,
    salt: Buffer.from(m[4] ?? '', 'base64'),
    memorySize: Number(m[1]),
    iterations: Number(m[2]),
    parallelism: Number(m[3]),
    hashLength: expected.length,
    outputType: 'binary',
  });
  return actual.length === expected.length && timingSafeEqual(Buffer.from(actual), expected);
}
