import type { Db } from './database';

export interface OutboxItem {
  seq: number;
  topic: string;
  subjectId: string;
  payload: Record<string, unknown>;
  createdAt: string;
  attempts: number;
  lastError: string | null;
}

interface OutboxRow {
  seq: number;
  topic: string;
  subject_id: string;
  payload: string;
  created_at: string;
  attempts: number;
  last_error: string | null;
}

/** Transactional outbox: rows are written with the change they announce; the sync layer drains them. */
export function createOutbox(db: Db, now: () => string) {
  const s = {
    insert: db.prepare('INSERT INTO outbox (topic, subject_id, payload, created_at) VALUES (?, ?, ?, ?)'),
    pending: db.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT ?'),
    count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL'),
    sent: db.prepare('UPDATE outbox SET sent_at = ? WHERE seq = ? AND sent_at IS NULL'),
    failed: db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?'),
  };
  return {
    enqueue(topic: string, subjectId: string, payload: Record<string, unknown>): void {
      s.insert.run(topic, subjectId, JSON.stringify(payload), now());
    },
    pending(limit = 100): OutboxItem[] {
      return s.pending.all(limit).map((r) => ({
        seq: r.seq,
        topic: r.topic,
        subjectId: r.subject_id,
        payload: JSON.parse(r.payload) as Record<string, unknown>,
        createdAt: r.created_at,
        attempts: r.attempts,
        lastError: r.last_error,
      }));
    },
    pendingCount(): number {
      return s.count.get()?.n ?? 0;
    },
    markSent(seq: number): void {
      s.sent.run(now(), seq);
    },
    markFailed(seq: number, error: string): void {
      s.failed.run(error.slice(0, 500), seq);
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
