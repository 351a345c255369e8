// Store maintenance for an installed workstation, where the database key is wrapped by the
// OS key store and only Electron can unwrap it (the `npm run store:*` commands read the
// harness's key file instead). Run the app with one switch, e.g.
//   counterdesk --store-admin=rotate-key
// while the app is not otherwise running (the single-instance lock makes sure): it does the
// job, prints one line, and exits without opening a window.
import { userInfo } from 'node:os';
import { loadOrCreateWorkstationConfig } from '../../services/core/workstation-config';
import { openStore } from '../../services/store';
import { systemClock } from '../../services/core/clock';
import { rotateKeyFile, type KeyStorage } from '../../services/store/key-rotation';

export const STORE_ADMIN_COMMANDS = ['rotate-key', 'verify-audit', 'held'] as const;
export type StoreAdminCommand = (typeof STORE_ADMIN_COMMANDS)[number];

const SWITCH = '--store-admin=';

/** The command asked for, null when none, or 'invalid' for a switch with an unknown value. */
export function storeAdminCommand(argv: readonly string[]): StoreAdminCommand | 'invalid' | null {
  const arg = argv.find((a) => a.startsWith(SWITCH));
  if (arg === undefined) return null;
  const value = arg.slice(SWITCH.length);
  return (STORE_ADMIN_COMMANDS as readonly string[]).includes(value) ? (value as StoreAdminCommand) : 'invalid';
}

export interface StoreAdminContext {
  dataDir: string;
  keyPath: string;
  storage: KeyStorage;
  key: Buffer;
  otherKeys: Buffer[];
  /** The audit chain's key, unwrapped by the OS key store (core-secrets.ts): never a plain file here. */
  auditKey: Buffer;
}

/** Runs one command; returns the exit code and the line to print. */
export function runStoreAdmin(cmd: StoreAdminCommand | 'invalid', ctx: StoreAdminContext): { code: number; message: string } {
  if (cmd === 'invalid') return { code: 2, message: `usage: --store-admin=${STORE_ADMIN_COMMANDS.join('|')}` };
  const { workstationId } = loadOrCreateWorkstationConfig(ctx.dataDir);
  const actor = `admin:${userInfo().username || 'electron'}`;
  if (cmd === 'rotate-key') {
    const r = rotateKeyFile({ dir: ctx.dataDir, keyPath: ctx.keyPath, workstationId, actor, clock: systemClock, storage: ctx.storage, auditKey: ctx.auditKey });
    return { code: 0, message: `Key rotated: database re-encrypted, ${r.rewrapped} scan key(s) re-wrapped, new key wrapped by the OS key store.` };
  }
  const store = openStore({ dir: ctx.dataDir, key: ctx.key, otherKeys: ctx.otherKeys, workstationId, clock: systemClock, auditKey: ctx.auditKey });
  try {
    if (cmd === 'verify-audit') {
      const r = store.audit.verify();
      return r.ok
        ? { code: 0, message: `Audit log OK: ${r.count} entries, hash chain intact.` }
        : { code: 1, message: `Audit log BROKEN at entry ${r.firstBadSeq}: ${r.reason}. ${r.count} entries read.` };
    }
    const held = store.retention.held();
    const files = held.reduce((n, h) => n + h.files, 0);
    const oldest = held.map((h) => h.heldSince).sort()[0];
    return { code: 0, message: `${held.length} application(s) hold ${files} scan file(s) here${oldest ? `, the oldest since ${oldest}` : ''}.` };
  } finally {
    store.close();
  }
}
