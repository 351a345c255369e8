import { describe, expect, it } from 'vitest';
import { hashPassword, isArgon2idVerifier, verifyPassword } from './password-verifier';

const FAST = { memorySize: 8192, iterations: 1, parallelism: 1, hashLength: 32 };

describe('argon2id password verifier', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const v = await hashPassword('correct horse', FAST);
    expect(v).toMatch(/^\$argon2id\$v=19\$m=8192,t=1,p=1\$/);
    expect(await verifyPassword('correct horse', v)).toBe(true);
    expect(await verifyPassword('correct hors', v)).toBe(false);
  });

  it('salts every verifier', async () => {
    expect(await hashPassword('same', FAST)).not.toBe(await hashPassword('same', FAST));
  });

  it.each([
    ['garbage', false],
    ['$argon2i$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA', false],
    ['$argon2id$v=19$m=9999999,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA', false],
    ['$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA', true],
  ])('%s is a usable verifier: %s', (v, ok) => {
    expect(isArgon2idVerifier(v)).toBe(ok);
  });

  it('a malformed verifier never verifies', async () => {
    expect(await verifyPassword('x', 'not-a-verifier')).toBe(false);
  });
});
