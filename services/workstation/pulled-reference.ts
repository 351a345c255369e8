import type { Change } from '../../api/sync';
import type { Store } from '../store';

type ReferenceChange = Extract<Change, { kind: 'reference_entity' | 'staff_login' }>;

/** How services/intake/reference-repo.ts keeps an entity's data column (its logins inside). */
interface StoredData {
  nameEn?: string;
  registrationNumbers?: string[];
  taxpayerNumber?: string;
  adminCount?: number;
  staffLogins?: { loginId: string; [k: string]: unknown }[];
}

/** Whoever keeps reference data warm (the core's reference repo) hears when a pull changed it. */
const listeners = new WeakMap<Store, Set<() => void>>();
export function onReferencePulled(store: Store, listener: () => void): () => void {
  const set = listeners.get(store) ?? new Set();
  set.add(listener);
  listeners.set(store, set);
  return () => set.delete(listener);
}

/**
 * Entities with accounts and their staff logins pulled from the central server (issue 15;
 * docs/sync-protocol.md kinds `reference_entity`, `staff_login`) replace what the reference file
 * import would write, in the same tables, so FAQ 8/18/19 checks see them at once. Called by
 * services/sync/pull-apply.ts inside the pull's one transaction. A login for an entity not held
 * here is skipped (the server's feed sends an entity before its logins).
 */
export function createPulledReference(store: Store, now: () => string) {
  const db = store.db;
  const s = {
    one: db.prepare<[string], { data: string }>('SELECT data FROM ref_entities WHERE registration_number = ?'),
    upsert: db.prepare(
      `INSERT INTO ref_entities (registration_number, entity_type, name_zh, name_pt, data, updated_at) VALUES (@key, @type, @zh, @pt, @data, @at)
       ON CONFLICT (registration_number) DO UPDATE SET entity_type = @type, name_zh = @zh, name_pt = @pt, data = @data, updated_at = @at`,
    ),
    setData: db.prepare('UPDATE ref_entities SET data = ?, updated_at = ? WHERE registration_number = ?'),
    remove: db.prepare('DELETE FROM ref_entities WHERE registration_number = ?'),
    holding: db.prepare<[string], { registration_number: string; data: string }>(
      "SELECT registration_number, data FROM ref_entities WHERE data LIKE '%' || ? || '%'",
    ),
  };
  const dataOf = (row: { data: string } | undefined): StoredData => (row ? (JSON.parse(row.data) as StoredData) : {});

  /** Takes a login off whichever entity holds it (it may have moved, or been removed). */
  const dropLogin = (loginId: string) => {
    for (const row of s.holding.all(JSON.stringify(loginId))) {
      const d = dataOf(row);
      const kept = (d.staffLogins ?? []).filter((l) => l.loginId !== loginId);
      if (kept.length !== (d.staffLogins ?? []).length) s.setData.run(JSON.stringify({ ...d, staffLogins: kept }), now(), row.registration_number);
    }
  };

  const apply = (c: ReferenceChange): void => {
    if (c.kind === 'reference_entity') {
      if (c.deleted || c.data === null) return void s.remove.run(c.id);
      const e = c.data;
      const before = dataOf(s.one.get(e.entityNumber));
      const data: StoredData = {
        ...(e.names.en ? { nameEn: e.names.en } : {}),
        registrationNumbers: e.registrationNumbers,
        ...(e.taxpayerNumber ? { taxpayerNumber: e.taxpayerNumber } : {}),
        ...(e.adminCount !== undefined ? { adminCount: e.adminCount } : {}),
        // Logins arrive as their own changes: an entity's update keeps them.
        staffLogins: before.staffLogins ?? [],
      };
      s.upsert.run({ key: e.entityNumber, type: e.type ?? '', zh: e.names.zh ?? null, pt: e.names.pt ?? null, data: JSON.stringify(data), at: now() });
      return;
    }
    dropLogin(c.id);
    if (c.deleted || c.data === null) return;
    const { entityNumber, ...login } = c.data;
    const row = s.one.get(entityNumber);
    if (!row) return;
    const d = dataOf(row);
    s.setData.run(JSON.stringify({ ...d, staffLogins: [...(d.staffLogins ?? []), login] }), now(), entityNumber);
  };

  return {
    /** Whether the change was reference data (and so applied here). */
    apply(c: Change): boolean {
      if (c.kind !== 'reference_entity' && c.kind !== 'staff_login') return false;
      apply(c);
      for (const l of listeners.get(store) ?? []) l();
      return true;
    },
  };
}
