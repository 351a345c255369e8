import type { EntityType } from '../../domain/model/codes';
import { foldName, type ReferenceEntity, type ReferenceStaffLogin } from '../../domain/rules';
import type { Db } from '../store/database';
import { normaliseNumber } from '../store/search-terms';
import type { ReferenceFile } from './reference-file';

// Over the tables of migration 5. `ref_entities.registration_number` is the table's key; it
// holds the *entity number* here, because that is what identifies an account centrally
// (registration numbers are a list, and some entities have none). The rest of the record,
// including the entity's staff logins (FAQ 18/19, which belong to an entity account), is in
// `data`. `ref_staff_logins` (display name, roles, service points) describes counter staff,
// not entity logins, and is left alone.

interface EntityRow {
  registration_number: string;
  entity_type: string;
  name_zh: string | null;
  name_pt: string | null;
  data: string;
}

interface StoredData {
  nameEn?: string;
  registrationNumbers?: string[];
  taxpayerNumber?: string;
  adminCount?: number;
  staffLogins?: Omit<ReferenceStaffLogin, 'entityNumber'>[];
}

export interface ReferenceSnapshot {
  /** The same array object until the data changes: the rules engine indexes it once per object. */
  entities: readonly ReferenceEntity[];
  staffLogins: readonly ReferenceStaffLogin[];
}

/** A parsed reference file; keys of other workstations are optional (tests, older files). */
export type ReferenceImport = Omit<ReferenceFile, 'workstationKeys'> & Partial<Pick<ReferenceFile, 'workstationKeys'>>;

export interface ImportResult {
  entities: number;
  staffLogins: number;
  workstationKeys: number;
}

function toEntity(r: EntityRow): { entity: ReferenceEntity; logins: ReferenceStaffLogin[] } {
  const d = JSON.parse(r.data) as StoredData;
  const names: ReferenceEntity['names'] = {
    ...(r.name_zh ? { zh: r.name_zh } : {}),
    ...(r.name_pt ? { pt: r.name_pt } : {}),
    ...(d.nameEn ? { en: d.nameEn } : {}),
  };
  const entity: ReferenceEntity = {
    entityNumber: r.registration_number,
    ...(r.entity_type ? { type: r.entity_type as EntityType } : {}),
    names,
    registrationNumbers: d.registrationNumbers ?? [],
    ...(d.taxpayerNumber ? { taxpayerNumber: d.taxpayerNumber } : {}),
    ...(d.adminCount !== undefined ? { adminCount: d.adminCount } : {}),
  };
  return { entity, logins: (d.staffLogins ?? []).map((l) => ({ ...l, entityNumber: r.registration_number })) };
}

export function createReferenceRepo(db: Db, now: () => string) {
  const s = {
    all: db.prepare<[], EntityRow>('SELECT registration_number, entity_type, name_zh, name_pt, data FROM ref_entities ORDER BY registration_number'),
    one: db.prepare<[string], EntityRow>('SELECT registration_number, entity_type, name_zh, name_pt, data FROM ref_entities WHERE registration_number = ?'),
    upsert: db.prepare(
      `INSERT INTO ref_entities (registration_number, entity_type, name_zh, name_pt, data, updated_at) VALUES (@key, @type, @zh, @pt, @data, @at)
       ON CONFLICT (registration_number) DO UPDATE SET entity_type = @type, name_zh = @zh, name_pt = @pt, data = @data, updated_at = @at`,
    ),
    setData: db.prepare('UPDATE ref_entities SET data = ?, updated_at = ? WHERE registration_number = ?'),
    upsertKey: db.prepare(
      `INSERT INTO ref_workstation_keys (workstation_id, public_key, service_point, updated_at) VALUES (@id, @key, @sp, @at)
       ON CONFLICT (workstation_id) DO UPDATE SET public_key = @key, service_point = @sp, updated_at = @at`,
    ),
  };

  // Loaded once and kept: every keystroke's assessment needs the whole list. Our own imports
  // drop it; another connection's (the import CLI while the app runs) shows in data_version.
  let cached: ReferenceSnapshot | undefined;
  let cachedVersion = -1;
  const dataVersion = () => db.pragma('data_version', { simple: true }) as number;

  function snapshot(): ReferenceSnapshot {
    const v = dataVersion();
    if (!cached || v !== cachedVersion) {
      const entities: ReferenceEntity[] = [];
      const staffLogins: ReferenceStaffLogin[] = [];
      for (const row of s.all.all()) {
        const { entity, logins } = toEntity(row);
        entities.push(entity);
        staffLogins.push(...logins);
      }
      cached = { entities, staffLogins };
      cachedVersion = v;
    }
    return cached;
  }

  const importFile = db.transaction((file: ReferenceImport): ImportResult => {
    const at = now();
    const loginsByEntity = new Map<string, Omit<ReferenceStaffLogin, 'entityNumber'>[]>();
    for (const { entityNumber, ...l } of file.staffLogins) loginsByEntity.set(entityNumber, [...(loginsByEntity.get(entityNumber) ?? []), l]);
    for (const e of file.entities) {
      const data: StoredData = {
        ...(e.names.en ? { nameEn: e.names.en } : {}),
        registrationNumbers: e.registrationNumbers,
        ...(e.taxpayerNumber ? { taxpayerNumber: e.taxpayerNumber } : {}),
        ...(e.adminCount !== undefined ? { adminCount: e.adminCount } : {}),
        // An entity in the file is a full snapshot of it, logins included.
        staffLogins: loginsByEntity.get(e.entityNumber) ?? [],
      };
      s.upsert.run({ key: e.entityNumber, type: e.type ?? '', zh: e.names.zh ?? null, pt: e.names.pt ?? null, data: JSON.stringify(data), at });
      loginsByEntity.delete(e.entityNumber);
    }
    // Logins for entities already known (delivered earlier) but not in this file.
    for (const [entityNumber, logins] of loginsByEntity) {
      const row = s.one.get(entityNumber);
      if (!row) throw new RangeError(`staff logins for unknown entity ${entityNumber}`);
      const data = { ...(JSON.parse(row.data) as StoredData), staffLogins: logins };
      s.setData.run(JSON.stringify(data), at, entityNumber);
    }
    for (const k of file.workstationKeys ?? []) s.upsertKey.run({ id: k.workstationId, key: k.publicKey, sp: k.servicePoint ?? null, at });
    return { entities: file.entities.length, staffLogins: file.staffLogins.length, workstationKeys: file.workstationKeys?.length ?? 0 };
  });

  return {
    snapshot,
    /** Rows written by another module on this connection (pulled by sync): read afresh next time. */
    invalidate(): void {
      cached = undefined;
    },
    importFile(file: ReferenceImport): ImportResult {
      const r = importFile.immediate(file);
      cached = undefined;
      return r;
    },
    byEntityNumber(entityNumber: string): ReferenceEntity | undefined {
      const key = normaliseNumber(entityNumber);
      return snapshot().entities.find((e) => normaliseNumber(e.entityNumber) === key);
    },
    /**
     * The clerk types an entity number, part of a name, or a registration number (any spelling);
     * names fold as FAQ 8 compares them: "mutuo" finds "Mútuo".
     */
    find(query: string, limit = 20): ReferenceEntity[] {
      const num = normaliseNumber(query);
      const name = foldName(query);
      if (num === '' && name === '') return [];
      const out: ReferenceEntity[] = [];
      for (const e of snapshot().entities) {
        const byNumber =
          num !== '' &&
          (normaliseNumber(e.entityNumber).startsWith(num) ||
            e.registrationNumbers.some((r) => normaliseNumber(r).startsWith(num)) ||
            normaliseNumber(e.taxpayerNumber ?? '') === num);
        const byName = name !== '' && [e.names.zh, e.names.pt, e.names.en].some((n) => n !== undefined && foldName(n).includes(name));
        if (byNumber || byName) {
          out.push(e);
          if (out.length >= limit) break;
        }
      }
      return out;
    },
  };
}

export type ReferenceRepo = ReturnType<typeof createReferenceRepo>;
