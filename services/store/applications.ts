import { randomUUID } from 'node:crypto';
import type { ApplicationKind, ApplicationStatus } from '../../domain/model/codes';
import { isEditable } from '../../domain/workflow';
import { DocumentTooNewError, fromStoredDocument, toStoredDocument } from '../../domain/model/application-document';
import type { Db } from './database';
import { StoreError } from './errors';
import type { AuditAction, AuditLog } from './audit-log';
import type { Outbox } from './outbox';
import { cleanTerms, escapeLike, ftsPhrase, hanBigrams, isHanBigram, normaliseName, normaliseNumber, type SearchTerms } from './search-terms';

interface SearchParams {
  by: string | null;
  cap: number;
}

export interface StatusHistoryEntry {
  status: ApplicationStatus;
  at: string;
  actor: string;
  reason?: string;
}

export interface ApplicationRecord {
  id: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  applicationNumber: string | null;
  data: unknown;
  revision: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
  /** When the central API confirmed it holds this application (null until then). */
  ackedAt: string | null;
  /** The workstation that took it in: its service point decides who else may read it. */
  workstationId: string;
  statusHistory: StatusHistoryEntry[];
}

export interface ApplicationSummary {
  id: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  applicationNumber: string | null;
  entityNames: string[];
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

export interface ListFilter {
  statuses?: ApplicationStatus[];
  createdBy?: string;
  /** ISO time: only applications updated at or after it. */
  since?: string;
  limit?: number;
}

export interface CreateDraftInput {
  kind: ApplicationKind;
  data: unknown;
  search: SearchTerms;
  actor: string;
}

export interface SaveDraftInput {
  data: unknown;
  search: SearchTerms;
  actor: string;
  expectedRevision?: number;
}

export interface SetStatusInput {
  status: ApplicationStatus;
  actor: string;
  reason?: string;
  applicationNumber?: string;
}

const STATUS_ACTION: Record<ApplicationStatus, AuditAction> = {
  draft: 'status_change',
  pending_approval: 'submit',
  returned: 'return',
  approved: 'approve',
  rejected: 'reject',
  discarded: 'discard',
};

interface AppRow {
  id: string;
  kind: string;
  status: string;
  application_number: string | null;
  data: string;
  search: string;
  revision: number;
  created_at: string;
  updated_at: string;
  created_by: string;
  updated_by: string;
  acked_at: string | null;
  workstation_id: string;
}

type SummaryRow = Pick<AppRow, 'id' | 'kind' | 'status' | 'application_number' | 'search' | 'created_at' | 'updated_at' | 'created_by'>;

const SUMMARY_COLS = 'id, kind, status, application_number, search, created_at, updated_at, created_by';

function toSummary(r: SummaryRow): ApplicationSummary {
  const terms = JSON.parse(r.search) as SearchTerms;
  return {
    id: r.id,
    kind: r.kind as ApplicationKind,
    status: r.status as ApplicationStatus,
    applicationNumber: r.application_number,
    entityNames: terms.entityNames,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    createdBy: r.created_by,
  };
}

/** Written with the current document version (domain/model/application-document.ts). */
function serialiseData(data: unknown): string {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new TypeError('application data must be a JSON object');
  }
  return JSON.stringify(toStoredDocument(data));
}

/** The stored document brought up to date; one from a newer program is left as stored, for the reader to refuse. */
function parseData(text: string): unknown {
  const stored = JSON.parse(text) as unknown;
  try {
    return fromStoredDocument(stored);
  } catch (e) {
    if (e instanceof DocumentTooNewError) return stored;
    throw e;
  }
}

export function createApplicationsRepo(db: Db, deps: { workstationId: string; now: () => string; audit: AuditLog; outbox: Outbox }) {
  const { audit, outbox, now, workstationId } = deps;
  const s = {
    insert: db.prepare(
      `INSERT INTO applications (id, kind, status, application_number, data, search, revision, workstation_id, created_at, updated_at, created_by, updated_by)
       VALUES (@id, @kind, 'draft', NULL, @data, @search, 1, @ws, @now, @now, @actor, @actor)`,
    ),
    update: db.prepare(
      `UPDATE applications SET data = @data, search = @search, revision = revision + 1, updated_at = @now, updated_by = @actor WHERE id = @id`,
    ),
    setStatus: db.prepare(
      `UPDATE applications SET status = @status, application_number = coalesce(@number, application_number),
         revision = revision + 1, updated_at = @now, updated_by = @actor WHERE id = @id`,
    ),
    get: db.prepare<[string], AppRow>('SELECT * FROM applications WHERE id = ?'),
    byNumber: db.prepare<[string], { id: string }>('SELECT id FROM applications WHERE application_number = ?'),
    history: db.prepare<[string], { status: string; at: string; actor: string; reason: string | null }>(
      'SELECT status, at, actor, reason FROM application_status_history WHERE application_id = ? ORDER BY id',
    ),
    addHistory: db.prepare('INSERT INTO application_status_history (application_id, status, at, actor, reason) VALUES (?, ?, ?, ?, ?)'),
    delTerms: db.prepare('DELETE FROM search_terms WHERE application_id = ?'),
    addTerm: db.prepare('INSERT INTO search_terms (application_id, kind, term) VALUES (?, ?, ?)'),
    namesOf: db.prepare<[string], { id: number; name: string }>('SELECT id, name FROM entity_names WHERE application_id = ?'),
    delName: db.prepare('DELETE FROM entity_names WHERE id = ?'),
    addName: db.prepare('INSERT INTO entity_names (application_id, name) VALUES (?, ?)'),
    delBigram: db.prepare('DELETE FROM name_bigrams WHERE bigram = ? AND name_id = ?'),
    addBigram: db.prepare('INSERT OR IGNORE INTO name_bigrams (bigram, name_id) VALUES (?, ?)'),
    // `by` (the creator) is filtered inside the query, before the LIMIT: filtering afterwards
    // let other clerks' matches crowd one's own out of the first `cap` rows.
    byPrefix: db.prepare<[SearchParams & { lo: string; hi: string }], { application_id: string }>(
      'SELECT DISTINCT t.application_id FROM search_terms t JOIN applications a ON a.id = t.application_id WHERE t.term >= @lo AND t.term < @hi AND (@by IS NULL OR a.created_by = @by) LIMIT @cap',
    ),
    nameMatch: db.prepare<[SearchParams & { q: string }], { application_id: string }>(
      'SELECT DISTINCT e.application_id FROM entity_names_fts f JOIN entity_names e ON e.id = f.rowid JOIN applications a ON a.id = e.application_id WHERE entity_names_fts MATCH @q AND (@by IS NULL OR a.created_by = @by) LIMIT @cap',
    ),
    nameBigram: db.prepare<[SearchParams & { q: string }], { application_id: string }>(
      'SELECT DISTINCT e.application_id FROM name_bigrams b JOIN entity_names e ON e.id = b.name_id JOIN applications a ON a.id = e.application_id WHERE b.bigram = @q AND (@by IS NULL OR a.created_by = @by) LIMIT @cap',
    ),
    // One character: no index helps; the LIMIT stops the scan early for common characters.
    nameLike: db.prepare<[SearchParams & { q: string }], { application_id: string }>(
      "SELECT DISTINCT e.application_id FROM entity_names e JOIN applications a ON a.id = e.application_id WHERE e.name LIKE @q ESCAPE '\\' AND (@by IS NULL OR a.created_by = @by) LIMIT @cap",
    ),
    ackedAt: db.prepare('UPDATE applications SET acked_at = ? WHERE id = ?'),
  };

  const writeTerms = (id: string, terms: SearchTerms, applicationNumber: string | null) => {
    s.delTerms.run(id);
    for (const old of s.namesOf.all(id)) {
      for (const b of hanBigrams(old.name)) s.delBigram.run(b, old.id);
      s.delName.run(old.id);
    }
    for (const n of terms.entityNames) {
      const nameId = s.addName.run(id, n).lastInsertRowid;
      for (const b of hanBigrams(n)) s.addBigram.run(b, nameId);
    }
    for (const r of terms.registrationNumbers) s.addTerm.run(id, 'registration_number', r);
    for (const r of terms.idNumbers) s.addTerm.run(id, 'id_number', r);
    if (applicationNumber) s.addTerm.run(id, 'application_number', normaliseNumber(applicationNumber));
  };

  const loadRow = (id: string): AppRow => {
    const row = s.get.get(id);
    if (!row) throw new StoreError('not_found', `application ${id} not found`);
    return row;
  };

  const toRecord = (row: AppRow): ApplicationRecord => ({
    id: row.id,
    kind: row.kind as ApplicationKind,
    status: row.status as ApplicationStatus,
    applicationNumber: row.application_number,
    data: parseData(row.data),
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    ackedAt: row.acked_at,
    workstationId: row.workstation_id,
    statusHistory: s.history.all(row.id).map((h) => ({
      status: h.status as ApplicationStatus,
      at: h.at,
      actor: h.actor,
      ...(h.reason !== null ? { reason: h.reason } : {}),
    })),
  });

  const summariesFor = (ids: string[], limit: number): ApplicationSummary[] => {
    if (ids.length === 0) return [];
    const rows = db
      .prepare<string[], SummaryRow>(
        `SELECT ${SUMMARY_COLS} FROM applications WHERE id IN (${ids.map(() => '?').join(',')}) ORDER BY updated_at DESC, id LIMIT ${limit}`,
      )
      .all(...ids);
    return rows.map(toSummary);
  };

  const createDraft = db.transaction((input: CreateDraftInput): ApplicationRecord => {
    const id = randomUUID();
    const at = now();
    const terms = cleanTerms(input.search);
    s.insert.run({ id, kind: input.kind, data: serialiseData(input.data), search: JSON.stringify(terms), ws: workstationId, now: at, actor: input.actor });
    s.addHistory.run(id, 'draft', at, input.actor, null);
    writeTerms(id, terms, null);
    outbox.enqueue('application.saved', id, { revision: 1, status: 'draft' });
    audit.append({ actor: input.actor, action: 'create', subjectId: id, details: { kind: input.kind, revision: 1 } });
    return toRecord(loadRow(id));
  });

  const saveDraft = db.transaction((id: string, input: SaveDraftInput): ApplicationRecord => {
    const row = loadRow(id);
    if (!isEditable(row.status as ApplicationStatus)) {
      throw new StoreError('conflict', `application ${id} is ${row.status} and can no longer be edited`, { status: row.status });
    }
    if (input.expectedRevision !== undefined && input.expectedRevision !== row.revision) {
      throw new StoreError('conflict', `application ${id} is at revision ${row.revision}, not ${input.expectedRevision}`, {
        revision: row.revision,
      });
    }
    const terms = cleanTerms(input.search);
    const search = JSON.stringify(terms);
    s.update.run({ id, data: serialiseData(input.data), search, now: now(), actor: input.actor });
    // Autosave mostly changes fields that are not searched: leave the index alone then.
    if (search !== row.search) writeTerms(id, terms, row.application_number);
    const revision = row.revision + 1;
    outbox.enqueue('application.saved', id, { revision, status: row.status });
    audit.append({ actor: input.actor, action: 'edit', subjectId: id, details: { revision } });
    return toRecord(loadRow(id));
  });

  const setStatus = db.transaction((id: string, input: SetStatusInput): ApplicationRecord => {
    const row = loadRow(id);
    const at = now();
    const number = input.applicationNumber ?? null;
    if (number !== null && number !== row.application_number && s.byNumber.get(number)) {
      throw new StoreError('conflict', `application number ${number} is already used`, { applicationNumber: number });
    }
    s.setStatus.run({ id, status: input.status, number, now: at, actor: input.actor });
    s.addHistory.run(id, input.status, at, input.actor, input.reason ?? null);
    if (number !== null && number !== row.application_number) writeTerms(id, JSON.parse(row.search) as SearchTerms, number);
    const revision = row.revision + 1;
    outbox.enqueue('application.saved', id, { revision, status: input.status });
    audit.append({
      actor: input.actor,
      action: STATUS_ACTION[input.status],
      subjectId: id,
      details: {
        from: row.status,
        to: input.status,
        revision,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(number ? { applicationNumber: number } : {}),
      },
    });
    return toRecord(loadRow(id));
  });

  return {
    createDraft: (input: CreateDraftInput) => createDraft.immediate(input),
    saveDraft: (id: string, input: SaveDraftInput) => saveDraft.immediate(id, input),
    setStatus: (id: string, input: SetStatusInput) => setStatus.immediate(id, input),
    get(id: string): ApplicationRecord | undefined {
      const row = s.get.get(id);
      return row ? toRecord(row) : undefined;
    },
    list(filter: ListFilter = {}): ApplicationSummary[] {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (filter.statuses && filter.statuses.length > 0) {
        where.push(`status IN (${filter.statuses.map(() => '?').join(',')})`);
        params.push(...filter.statuses);
      }
      if (filter.createdBy !== undefined) {
        where.push('created_by = ?');
        params.push(filter.createdBy);
      }
      if (filter.since !== undefined) {
        where.push('updated_at >= ?');
        params.push(filter.since);
      }
      const limit = Math.max(1, Math.min(filter.limit ?? 200, 10_000));
      const sql = `SELECT ${SUMMARY_COLS} FROM applications ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC, id LIMIT ${limit}`;
      return db
        .prepare<(string | number)[], SummaryRow>(sql)
        .all(...params)
        .map(toSummary);
    },
    /**
     * Application number, registration or ID number (prefix, any spelling), or part of an
     * entity name; with `createdBy`, only that user's applications.
     */
    search(typed: string, limit = 50, createdBy?: string): ApplicationSummary[] {
      // Nobody types control characters; a NUL ended FTS5's query text mid-phrase (SQLITE_ERROR). Issue 12, item 9.
      const query = typed.replace(/\p{Cc}/gu, ' ');
      const cap = Math.max(1, Math.min(limit, 500));
      const by = createdBy ?? null;
      const ids = new Set<string>();
      const num = normaliseNumber(query);
      if (num.length >= 2) {
        for (const r of s.byPrefix.all({ lo: num, hi: `${num}\u{10FFFF}`, by, cap })) ids.add(r.application_id);
      }
      const name = normaliseName(query);
      if (name !== '') {
        const len = [...name].length;
        const rows =
          len >= 3
            ? s.nameMatch.all({ q: ftsPhrase(name), by, cap })
            : isHanBigram(name)
              ? s.nameBigram.all({ q: name, by, cap })
              : s.nameLike.all({ q: `%${escapeLike(name)}%`, by, cap });
        for (const r of rows) ids.add(r.application_id);
      }
      return summariesFor([...ids], cap);
    },
    /** The sync layer calls this once the central API confirmed it holds the application and its scans. */
    markAcknowledged(id: string, actor = 'sync'): void {
      db.transaction(() => {
        loadRow(id);
        s.ackedAt.run(now(), id);
        audit.append({ actor, action: 'acknowledged', subjectId: id });
      }).immediate();
    },
  };
}

export type ApplicationsRepo = ReturnType<typeof createApplicationsRepo>;
