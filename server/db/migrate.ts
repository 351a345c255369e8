import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from 'postgres';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
// Any constant: every node takes the same advisory lock, so only one migrates at a time.
const MIGRATION_LOCK = 14_001_400;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** server/migrations/NNN-name.sql, in order. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}-[a-z0-9-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(join(dir, f), 'utf8') }));
}

/** Apply what is missing, all in one transaction under a transaction-level advisory lock (nodes starting together wait, then find nothing to do). */
export async function migrate(sql: Sql, now: () => Date): Promise<number> {
  const migrations = listMigrations();
  return sql.begin(async (tx) => {
    // Transaction-level lock: released at commit, even if this node dies half-way.
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    await tx`CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)`;
    const done = new Set((await tx<{ version: number }[]>`SELECT version FROM schema_migrations`).map((r) => r.version));
    let applied = 0;
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await tx.unsafe(m.sql);
      await tx`INSERT INTO schema_migrations (version, name, applied_at) VALUES (${m.version}, ${m.name}, ${now()})`;
      applied++;
    }
    return applied;
  });
}

/** For /ready: how many migrations the database has against how many this build ships. */
export async function migrationState(sql: Sql): Promise<{ applied: number; expected: number }> {
  const expected = listMigrations().length;
  const rows = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM schema_migrations`.catch(() => [{ n: 0 }]);
  return { applied: rows[0]?.n ?? 0, expected };
}
