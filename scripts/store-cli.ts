// Administrator commands for the local store (see services/store):
//   npm run store:rotate-key   new database key; scan keys re-wrapped; key file replaced
//   npm run store:held         which applications still hold scan files here, and since when
//   npm run audit:verify       check the audit log's hash chain (exit code 1 if broken)
//   tsx scripts/store-cli.ts purge   apply retention now (the app also does this)
//   npm run reference:import -- f.json   entities with accounts and their staff logins (FAQ 8, 18, 19)
//   tsx scripts/store-cli.ts set-retention --days N   days after acknowledgement before scans are purged
//   tsx scripts/store-cli.ts set-max-scan-mb N        largest scan accepted, in MB
// Data directory: $COUNTERDESK_DATA_DIR, default ./.counterdesk-data; key file <dir>/store.key.
// Stop the app first: rotation needs the database to itself.
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { openStore, isStoreError, DATABASE_FILE } from '../services/store';
import { resolveKeyFile, rotateKeyFile } from '../services/store/key-rotation';
import { loadOrCreateWorkstationConfig } from '../services/core/workstation-config';
import { systemClock } from '../services/core/clock';
import { translate } from '../i18n';
import { createReferenceRepo, ReferenceFileSchema } from '../services/intake';
import { readFileSync } from 'node:fs';
import { parseBoundedInteger, RETENTION_LIMITS, type ParsedSetting } from '../services/store/retention';

const dir = resolve(process.env.COUNTERDESK_DATA_DIR ?? '.counterdesk-data');
const keyPath = join(dir, 'store.key');
const actor = `admin:${process.env.USER ?? 'cli'}`;

function open() {
  if (!existsSync(join(dir, DATABASE_FILE))) {
    console.error(`No database in ${dir} (set COUNTERDESK_DATA_DIR).`);
    process.exit(2);
  }
  const { workstationId } = loadOrCreateWorkstationConfig(dir);
  const { key, otherKeys } = resolveKeyFile(dir, keyPath);
  return openStore({ dir, key, otherKeys, workstationId, clock: systemClock });
}

function mb(n: number): string {
  return n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Settings change through the store, which audits each as settings_change (who, from, to). */
function setSetting(parsed: ParsedSetting, usage: string, apply: (store: ReturnType<typeof open>, value: number) => string): number {
  if (!parsed.ok) {
    console.error(`${parsed.message} Nothing was changed.\nusage: ${usage}`);
    return 2;
  }
  const store = open();
  try {
    console.log(apply(store, parsed.value));
  } finally {
    store.close();
  }
  return 0;
}

const MB = 1024 * 1024;

function main(cmd: string | undefined, arg: string | undefined, args: string[] = []): number {
  switch (cmd) {
    case 'rotate-key': {
      const { workstationId } = loadOrCreateWorkstationConfig(dir);
      const r = rotateKeyFile({ dir, keyPath, workstationId, actor, clock: systemClock });
      console.log(`Key rotated for ${dir}: database re-encrypted, ${r.rewrapped} scan key(s) re-wrapped, ${keyPath} replaced.`);
      return 0;
    }
    case 'held': {
      const store = open();
      try {
        const held = store.retention.held();
        const days = store.settings.get('retention.scanDays');
        if (held.length === 0) console.log('No scan files held on this workstation.');
        else {
          console.log(`Scan files held in ${dir} (purged ${days} days after the central API acknowledges):`);
          console.log(['application', 'number', 'status', 'files', 'size', 'held since', 'acknowledged', 'purge due'].join('\t'));
          for (const h of held) {
            console.log(
              [h.applicationId, h.applicationNumber ?? '-', h.status, h.files, mb(h.bytes), h.heldSince, h.ackedAt ?? 'not yet', h.purgeDueAt ?? '-'].join(
                '\t',
              ),
            );
          }
          const total = held.reduce((s, h) => s + h.bytes, 0);
          console.log(`${held.length} application(s), ${held.reduce((s, h) => s + h.files, 0)} file(s), ${mb(total)}.`);
        }
      } finally {
        store.close();
      }
      return 0;
    }
    case 'verify-audit': {
      const store = open();
      try {
        const r = store.audit.verify();
        if (r.ok) {
          console.log(`Audit log OK: ${r.count} entries, hash chain intact.`);
          return 0;
        }
        console.error(`Audit log BROKEN at entry ${r.firstBadSeq}: ${r.reason}. ${r.count} entries read.`);
        return 1;
      } finally {
        store.close();
      }
    }
    case 'purge': {
      const store = open();
      try {
        const r = store.retention.purgeExpired(actor);
        console.log(`Purged ${r.files} scan file(s) of ${r.applications} application(s).`);
      } finally {
        store.close();
      }
      return 0;
    }
    case 'import-reference': {
      // Until the sync issue delivers reference data, an administrator imports a file.
      // It comes from outside, so it is validated like renderer input; nothing is written
      // unless all of it is valid.
      const file = arg;
      if (!file) {
        console.error('usage: npm run reference:import -- <file.json>');
        return 2;
      }
      let parsed;
      try {
        parsed = ReferenceFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      } catch (e) {
        console.error(`Cannot read ${file}: ${(e as Error).message}`);
        return 1;
      }
      if (!parsed.success) {
        console.error(`${file} is not a valid reference file; nothing imported:`);
        for (const i of parsed.error.issues.slice(0, 20)) console.error(`  ${i.path.join('.') || '(file)'}: ${i.message}`);
        return 1;
      }
      const store = open();
      try {
        const r = store.db.transaction(() => {
          const result = createReferenceRepo(store.db, () => new Date().toISOString()).importFile(parsed.data);
          store.audit.append({ actor, action: 'reference_import', details: { file: file.split(/[\\/]/).pop() ?? file, ...result } });
          return result;
        })();
        console.log(`Imported ${r.entities} entities, ${r.staffLogins} staff logins and ${r.workstationKeys} workstation keys into ${dir}.`);
      } catch (e) {
        if (e instanceof RangeError) {
          console.error(`${file}: ${e.message}; nothing imported.`);
          return 1;
        }
        throw e;
      } finally {
        store.close();
      }
      return 0;
    }
    case 'set-retention': {
      const usage = `tsx scripts/store-cli.ts set-retention --days N (${RETENTION_LIMITS.scanDays.min}-${RETENTION_LIMITS.scanDays.max})`;
      const eq = args.find((a) => a.startsWith('--days='));
      const days = eq !== undefined ? eq.slice('--days='.length) : args[0] === '--days' ? args[1] : undefined;
      if (args.length === 0 || (eq === undefined && args[0] !== '--days') || args.length > (eq !== undefined ? 1 : 2)) {
        console.error(`usage: ${usage}`);
        return 2;
      }
      return setSetting(parseBoundedInteger('Retention days', days, RETENTION_LIMITS.scanDays), usage, (store, value) => {
        const before = store.settings.get('retention.scanDays');
        store.settings.set('retention.scanDays', value, actor);
        return `Scans are now purged ${value} days after the central API acknowledges them (was ${before}). The app applies it within the hour.`;
      });
    }
    case 'set-max-scan-mb': {
      const usage = `tsx scripts/store-cli.ts set-max-scan-mb N (${RETENTION_LIMITS.maxScanMb.min}-${RETENTION_LIMITS.maxScanMb.max})`;
      if (args.length !== 1) {
        console.error(`usage: ${usage}`);
        return 2;
      }
      return setSetting(parseBoundedInteger('Largest scan (MB)', arg, RETENTION_LIMITS.maxScanMb), usage, (store, value) => {
        const before = store.settings.get('attachments.maxBytes');
        store.settings.set('attachments.maxBytes', value * MB, actor);
        return `Scans up to ${value} MB are now accepted (was ${mb(before)}).`;
      });
    }
    default:
      console.error(
        'usage: tsx scripts/store-cli.ts rotate-key | held | verify-audit | purge | import-reference <file> | set-retention --days N | set-max-scan-mb N',
      );
      return 2;
  }
}

try {
  process.exitCode = main(process.argv[2], process.argv[3], process.argv.slice(3));
} catch (e) {
  if (isStoreError(e)) {
    console.error(`${translate('en', e.messageKey, e.params)}\n(${e.code}: ${e.message})`);
    process.exitCode = 1;
  } else throw e;
}
