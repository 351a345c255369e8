import type { KeyWrapper } from '../../services/store/keys';

/**
 * A stand-in for safeStorage that gives the same answer in every process (the crash test's child
 * and its parent): reversible, and visibly neither the raw key nor its hex or base64 on disk.
 */
export const xorTestWrapper: KeyWrapper = {
  isAvailable: () => true,
  backend: () => 'gnome_libsecret',
  wrap: (plain) => Buffer.concat([Buffer.from('v11'), Buffer.from(plain.toString('base64'), 'utf8').map((b) => b ^ 0x5a)]),
  unwrap: (wrapped) => {
    if (wrapped.subarray(0, 3).toString() !== 'v11') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(Buffer.from(wrapped.subarray(3).map((b) => b ^ 0x5a)).toString('utf8'), 'base64');
  },
};
