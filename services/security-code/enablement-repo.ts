import type { EidTool, EnablementState } from '../../domain/security-code/checks-vocabulary';
import type { IdDocumentType } from '../../domain/model/codes';
import type { ReferenceStaffLogin } from '../../domain/rules/requirement';
import type { MessageKey } from '../../i18n';
import type { Db } from '../store/database';

// Over migration 9's tables. Entity numbers and login ids are stored as the reference data
// spells them (the one found by the checks), so lookups compare exact strings.

export interface EnablementRow {
  id: string;
  tool: EidTool;
  visitId: string;
  entityNumber: string;
  staffLoginId: string;
  idType: IdDocumentType;
  idNumberMasked: string;
  state: EnablementState;
  createdAt: string;
  createdBy: string;
  decidedAt: string | null;
  refusalKey: MessageKey | null;
}

interface Raw {
  id: string;
  tool: string;
  visit_id: string;
  entity_number: string;
  staff_login_id: string;
  id_type: string;
  id_number_masked: string;
  state: string;
  created_at: string;
  created_by: string;
  decided_at: string | null;
  refusal_key: string | null;
}

const fromRaw = (r: Raw): EnablementRow => ({
  id: r.id,
  tool: r.tool as EidTool,
  visitId: r.visit_id,
  entityNumber: r.entity_number,
  staffLoginId: r.staff_login_id,
  idType: r.id_type as IdDocumentType,
  idNumberMasked: r.id_number_masked,
  state: r.state as EnablementState,
  createdAt: r.created_at,
  createdBy: r.created_by,
  decidedAt: r.decided_at,
  refusalKey: r.refusal_key as MessageKey | null,
});

export function createEnablementRepo(db: Db) {
  const s = {
    insert: db.prepare(
      `INSERT INTO eid_enablements (id, tool, visit_id, entity_number, staff_login_id, id_type, id_number_masked, state, created_at, created_by)
       VALUES (@id, @tool, @visitId, @entityNumber, @staffLoginId, @idType, @idNumberMasked, 'queued', @createdAt, @createdBy)`,
    ),
    get: db.prepare<[string], Raw>('SELECT * FROM eid_enablements WHERE id = ?'),
    byVisit: db.prepare<[string], Raw>('SELECT * FROM eid_enablements WHERE visit_id = ? ORDER BY created_at, rowid'),
    since: db.prepare<[string], Raw>('SELECT * FROM eid_enablements WHERE created_at >= ? ORDER BY created_at DESC, rowid DESC'),
    activeFor: db.prepare<[string, string, string], { n: number }>(
      `SELECT count(*) AS n FROM eid_enablements WHERE tool = ? AND entity_number = ? AND staff_login_id = ? AND state != 'refused'`,
    ),
    decide: db.prepare(`UPDATE eid_enablements SET state = ?, decided_at = ?, refusal_key = ? WHERE id = ? AND state = 'queued'`),
    nonceSeen: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM security_code_nonces WHERE nonce = ?'),
    addNonce: db.prepare('INSERT INTO security_code_nonces (nonce, enablement_id, seen_at) VALUES (?, ?, ?)'),
    pulledLogin: db.prepare<[string], { body: string }>(`SELECT body FROM sync_pulled WHERE kind = 'staff_login' AND record_id = ?`),
  };
  return {
    insert(row: Omit<EnablementRow, 'state' | 'decidedAt' | 'refusalKey'>): void {
      s.insert.run(row);
    },
    get: (id: string): EnablementRow | undefined => {
      const r = s.get.get(id);
      return r ? fromRaw(r) : undefined;
    },
    byVisit: (visitId: string): EnablementRow[] => s.byVisit.all(visitId).map(fromRaw),
    since: (isoInstant: string): EnablementRow[] => s.since.all(isoInstant).map(fromRaw),
    /** Enabled (or re-enabled) here and not refused by the server. */
    activeFor: (tool: EidTool, entityNumber: string, staffLoginId: string): boolean => (s.activeFor.get(tool, entityNumber, staffLoginId)?.n ?? 0) > 0,
    /** True when the row was queued and now holds the server's answer. */
    decide: (id: string, state: Exclude<EnablementState, 'queued'>, at: string, refusalKey: MessageKey | null): boolean =>
      s.decide.run(state, at, refusalKey, id).changes === 1,
    nonceSeen: (nonceHex: string): boolean => (s.nonceSeen.get(nonceHex)?.n ?? 0) > 0,
    addNonce: (nonceHex: string, enablementId: string, at: string): void => {
      s.addNonce.run(nonceHex, enablementId, at);
    },
    /** The staff login as the central server last published it (sync_pulled, migration 7), if it has. */
    pulledLogin: (loginId: string): Partial<ReferenceStaffLogin> | undefined => {
      const r = s.pulledLogin.get(loginId);
      return r ? (JSON.parse(r.body) as Partial<ReferenceStaffLogin>) : undefined;
    },
  };
}

export type EnablementRepo = ReturnType<typeof createEnablementRepo>;
