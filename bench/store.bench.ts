// Local store throughput at 100k applications (issue 4): save latency (application row +
// search index + outbox + audit entry in one transaction) against a bare better-sqlite3
// single-row insert in the same encrypted database, and search latency against a
// primary-key lookup.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { measure, summarise, type BenchSuite, type Stats } from './harness';
import { openStore, type SearchTerms } from '../services/store';
import type { ApplicationStatus } from '../domain/model/codes';

const N = Number(process.env.STORE_BENCH_N ?? 100_000);

// Deterministic pseudo-random so every run searches the same data.
let seed = 42;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

const ZH = [...'澳門氹仔路環街坊會聯合總商業協進青年婦女體育文化藝術慈善基金有限公司工程貿易餐飲物業管理建築發展投資科技教育中心業主大廈'];
const PT_WORDS = [
  'Associação',
  'Comercial',
  'Moradores',
  'Macau',
  'Taipa',
  'Coloane',
  'Desenvolvimento',
  'Limitada',
  'Sociedade',
  'Fundação',
  'Cultural',
  'Juventude',
  'Gestão',
  'Predial',
  'Investimento',
  'Tecnologia',
  'Educação',
  'Senhoras',
  'Desportiva',
  'Beneficência',
];

function zhName(): string {
  let s = '';
  const len = 6 + Math.floor(rnd() * 8);
  for (let i = 0; i < len; i++) s += pick(ZH);
  return s;
}
const ptName = () => Array.from({ length: 3 + Math.floor(rnd() * 3) }, () => pick(PT_WORDS)).join(' ');
const regNo = (i: number) => `${10000 + i}/SO`;
const idNo = (i: number) => `${5000000 + i}(${i % 10})`;
const appNo = (i: number) => `W1-20261123-${String(i).padStart(6, '0')}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Like measure(), but yields to the event loop now and then (outside the timed region) the
 * way the app does between a clerk's saves, so the store's deferred WAL checkpoints run and
 * their effect on later saves is measured rather than skipped.
 */
async function measureWithIdle(label: string, fn: (i: number) => unknown, iterations: number): Promise<Stats> {
  const durations: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    fn(i);
    durations.push(performance.now() - t0);
    if (i % 25 === 24) await sleep(300);
  }
  return summarise(label, durations);
}

const suite: BenchSuite = async (report) => {
  const dir = mkdtempSync(join(tmpdir(), 'counterdesk-bench-'));
  try {
    const key = randomBytes(32);
    const store = openStore({ dir, key, workstationId: 'W1', clock: () => new Date() });
    const db = store.db;
    const ids: string[] = [];
    const sample: { zh: string; pt: string; i: number }[] = [];
    const termsFor = (i: number, zh: string, pt: string): SearchTerms => ({
      entityNames: [zh, pt],
      registrationNumbers: [regNo(i)],
      idNumbers: [idNo(i), idNo(i + N)],
    });

    const t0 = performance.now();
    db.transaction(() => {
      for (let i = 0; i < N; i++) {
        const zh = zhName();
        const pt = ptName();
        const rec = store.applications.createDraft({
          kind: 'first_application',
          data: { entity: { nameZh: zh, namePt: pt }, n: i },
          search: termsFor(i, zh, pt),
          actor: 'clerk',
        });
        ids.push(rec.id);
        if (i % 2 === 0) store.applications.setStatus(rec.id, { status: 'pending_approval' as ApplicationStatus, actor: 'clerk', applicationNumber: appNo(i) });
        if (i % 997 === 0) sample.push({ zh, pt, i });
      }
    })();
    const seedMs = performance.now() - t0;
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('ANALYZE');
    report.note(`seeded ${N} applications (+ search index, outbox, audit, half submitted with a number) in ${(seedMs / 1000).toFixed(1)} s, one transaction`);

    // --- save latency ---
    db.exec('CREATE TABLE bench_bare (id INTEGER PRIMARY KEY, data TEXT NOT NULL) STRICT');
    const bare = db.prepare('INSERT INTO bench_bare (data) VALUES (?)');
    const payload = JSON.stringify({ entity: { nameZh: '澳門測試會', namePt: 'Associação de Teste' } });
    const baseline = await measure('bare better-sqlite3 insert (1 row, autocommit)', () => bare.run(payload), { iterations: 300 });
    const drafts = ids.filter((_, i) => i % 2 === 1);
    const save = await measureWithIdle(
      'store.saveDraft (app + index + outbox + audit)',
      (k) => {
        const id = drafts[(k * 7919) % drafts.length] as string;
        const zh = zhName();
        store.applications.saveDraft(id, {
          data: { entity: { nameZh: zh, namePt: 'Associação de Teste' }, k },
          search: termsFor(k, zh, 'Associação de Teste'),
          actor: 'clerk',
        });
      },
      300,
    );
    report.compare(`save latency at ${N} applications`, baseline, save);
    const create = await measureWithIdle(
      'store.createDraft (app + history + index + outbox + audit)',
      (k) => store.applications.createDraft({ kind: 'change_of_data', data: { k }, search: termsFor(N * 3 + k, zhName(), ptName()), actor: 'clerk' }),
      300,
    );
    const unchanged = drafts[0] as string;
    const keep = store.applications.get(unchanged);
    const typing = await measureWithIdle(
      'store.saveDraft, searched fields unchanged (autosave)',
      (k) =>
        store.applications.saveDraft(unchanged, { data: { ...(keep?.data as object), note: `typed ${k}` }, search: termsFor(1, 'x', 'y'), actor: 'clerk' }),
      300,
    );
    report.compare(`autosave latency at ${N} applications`, baseline, typing);
    for (let k = 0; k < 200; k++) store.applications.saveDraft(unchanged, { data: { burst: k }, search: termsFor(1, 'x', 'y'), actor: 'clerk' });
    const tc = performance.now();
    db.pragma('wal_checkpoint(PASSIVE)');
    report.note(`WAL checkpoint after a burst of 200 saves (deferred off the save path): ${(performance.now() - tc).toFixed(1)} ms`);
    report.compare(`create latency at ${N} applications`, baseline, create);

    // --- search latency ---
    const byId = db.prepare('SELECT * FROM applications WHERE id = ?');
    const lookup = await measure('primary-key lookup (bare)', (k) => byId.get(ids[(k * 31) % ids.length]), { iterations: 500 });
    const s = (k: number) => sample[k % sample.length] as { zh: string; pt: string; i: number };
    const even = (i: number) => i - (i % 2);
    const cases: [string, (k: number) => string][] = [
      ['application number (full)', (k) => appNo(even(s(k).i))],
      ['application number (last digits typed)', (k) => appNo(even(s(k).i)).slice(0, -2)],
      ['entity name zh, 2 characters', (k) => s(k).zh.slice(2, 4)],
      ['entity name zh, 4 characters', (k) => s(k).zh.slice(1, 5)],
      ['entity name pt, partial without accents', (k) => s(k).pt.slice(3, 12).normalize('NFD').replace(/\p{M}/gu, '')],
      ['registration number', (k) => regNo(s(k).i)],
      ['ID number, other spelling', (k) => idNo(s(k).i).replace(/[()]/g, ' ')],
    ];
    for (const [label, q] of cases) {
      let hits = 0;
      const st = await measure(`search: ${label}`, (k) => (hits += store.applications.search(q(k), 50).length), { iterations: 200 });
      report.compare(`search by ${label} at ${N} (target p99 < 20 ms)`, lookup, st);
      report.note(`mean hits per query: ${(hits / (200 + 20)).toFixed(1)}`);
    }
    const ti = performance.now();
    const integrity = store.health({ recheck: true }).integrity;
    report.note(`full integrity check at ${N} applications: ${(performance.now() - ti).toFixed(0)} ms (${integrity}); health() runs it once, then on request`);
    store.close();
    const to = performance.now();
    openStore({ dir, key, workstationId: 'W1', clock: () => new Date() }).close();
    report.note(`reopening the store (key, migrations check, orphan sweep, retention): ${(performance.now() - to).toFixed(0)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export default suite;
