import type { SafeStorage } from 'electron';
import { PLAINTEXT_BACKEND, type KeyWrapper } from '../../services/store/keys';

type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend' | 'setUsePlainTextEncryption'
>;

/**
 * The OS key store behind `safeStorage`: DPAPI on Windows, Keychain on macOS, and on Linux
 * whatever Chromium picked (libsecret, KWallet — or `basic_text`, which is plain text with
 * a hard-coded password and protects nothing). Call after `app` is ready: before that
 * Linux reports no backend.
 */
export function safeStorageBackend(safeStorage: SafeStorageLike, platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'dpapi';
  if (platform === 'darwin') return 'keychain';
  return safeStorage.getSelectedStorageBackend();
}

/**
 * A `KeyWrapper` (services/store/keys.ts) over Electron's safeStorage. The 32-byte database
 * key crosses safeStorage's string API as base64. Plain-text wrapping is switched on only
 * when the administrator allowed it; otherwise `isAvailable()` stays false on such a
 * machine and the store refuses to start.
 */
export function createSafeStorageKeyWrapper(safeStorage: SafeStorageLike, opts: { platform: NodeJS.Platform; allowPlaintext: boolean }): KeyWrapper {
  const backend = safeStorageBackend(safeStorage, opts.platform);
  if (backend === PLAINTEXT_BACKEND && opts.allowPlaintext) safeStorage.setUsePlainTextEncryption(true);
  return {
    isAvailable: () => safeStorage.isEncryptionAvailable(),
    backend: () => backend,
    wrap: (plain) => safeStorage.encryptString(plain.toString('base64')),
    unwrap: (wrapped) => {
      const text = safeStorage.decryptString(wrapped);
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) throw new Error('unwrapped key is not base64');
      return Buffer.from(text, 'base64');
    },
  };
}
