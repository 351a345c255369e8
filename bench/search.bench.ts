// Search across all service points at 1,000,000 applications (issue 14; public enquiry, issue 15):
// p50/p99 of each kind of query through the search service (server/search/search-service.ts,
// the SQL and the shaping of the answer) beside the plain indexed lookup of one application by
// its number (baseline) in the same run. Target: p99 < 50 ms. The applications are seeded in
// PostgreSQL itself (one INSERT … SELECT generate_series, the search indexes built after it);
// the embedded PostgreSQL 18 by default, or a fresh database on DATABASE_URL's server.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { SearchQuerySchema } from '../api/sync/search';
import { startEmbeddedPostgres } from '../server/db/embedded-postgres';
import { migrate } from '../server/db/migrate';
import { nameKey, numberKey } from '../server/search/search-key';
import { searchApplications, type SearchCaller } from '../server/search/search-service';
import { measure, type BenchSuite } from './harness';

const APPLICATIONS = Number(process.env['COUNTERDESK_BENCH_SEARCH_ROWS'] ?? 1_000_000);
const SERVICE_POINTS = 30;
const WORKSTATIONS_PER_SP = 10;
const ITERATIONS = 300;
const now = () => new Date('2026-11-28T02:00:00.000Z');

// Name pools: Portuguese with its accents (searched without them), English, Chinese characters.
const PT =
  'Comércio São João Macau Fortuna Pérola Oriente Leão Dragão Lótus Jardim Praia Ilha Taipa Coloane Serviços Construção Importação Exportação Tecnologia Engenharia Educação Saúde Turismo Hotelaria Restauração Transportes Logística Consultoria Contabilidade Imobiliária Publicidade Informática Têxteis Joalharia Farmácia Padaria Mercearia Papelaria Ourivesaria Electrónica Mobiliário Vestuário Calçado Cerâmica Porcelana Artesanato Fotografia Música Desporto Ginásio Clínica Estética Beleza Limpeza Segurança Manutenção Reparação Decoração Iluminação Energia Ambiente Reciclagem Agricultura Pescas Alimentação Bebidas Vinhos Chá Café Doces Marisco Peixaria Talho Florista Livraria'.split(
    ' ',
  );
const EN =
  'Golden Pearl Orient Lion Dragon Lotus Garden Beach Island Harbour Bridge Tower Star Moon Sun River Mountain Ocean Bay Crown Royal Grand Lucky Fortune Prosperity Harmony Union Pacific Asia Global United Premier Prime Elite Classic Modern Smart Bright Swift Silver Jade Crystal Diamond Phoenix Tiger Crane Bamboo Cedar Maple Willow Trading Holdings Services Logistics Consulting Engineering Technology Foods Travel Hotels Media Design Studio Partners Ventures Capital Systems Solutions Supplies Works Industries Enterprises Group'.split(
    ' ',
  );
const ZH = [
  ...'澳門氹仔路環新口岸南灣北區中央高士德黑沙環祐漢台山筷子基水坑尾荷蘭園新橋沙梨頭美高梅金沙銀河永利新濠葡京海景華興發達昌隆盛泰安康寧福祥瑞豐富貴利源信誠德和順通聯合友誠記行號堂閣軒樓園苑坊廊館店舖廠社',
];
const sqlText = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]::text[]`;

const suite: BenchSuite = async (report) => {
  const dir = mkdtempSync(join(tmpdir(), 'counterdesk-bench-search-'));
  chmodSync(dir, 0o755); // the embedded PostgreSQL runs as the postgres user when we are root
  const external = process.env['DATABASE_URL'];
  const embedded = external ? undefined : await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), ephemeral: false });
  const serverUrl = external ?? embedded?.url ?? '';
  // A fresh database of its own: never the one DATABASE_URL names.
  const dbName = `cdbench_search_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const sql = postgres(url.toString(), { max: 2, onnotice: () => undefined });
  try {
    await migrate(sql, now);
    const sps = Array.from({ length: SERVICE_POINTS }, (_, i) => `SP${String(i + 1).padStart(2, '0')}`);
    await sql`INSERT INTO service_points ${sql(
      sps.map((code) => ({ code, name: code, created_at: now() })),
      'code',
      'name',
      'created_at',
    )}`;
    await sql`INSERT INTO workstations ${sql(
      sps.flatMap((sp) => Array.from({ length: WORKSTATIONS_PER_SP }, (_, w) => ({ id: `${sp}-W${w}`, service_point: sp, created_at: now() }))),
      'id',
      'service_point',
      'created_at',
    )}`;
    await sql`INSERT INTO users (staff_number, display_name, roles, service_points, updated_at) VALUES ('R1', 'Roaming clerk', ${['clerk']}, ${sps}, ${now()})`;

    // Seed: the search indexes are dropped first and built once after the rows (as a restore would).
    const t0 = performance.now();
    const searchIndexes = await sql<{ indexname: string; indexdef: string }[]>`
      SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'applications' AND indexname IN ('applications_search_trgm', 'applications_number_prefix')`;
    for (const ix of searchIndexes) await sql.unsafe(`DROP INDEX ${ix.indexname}`);
    const zhKeys = ZH.map(nameKey);
    const ptKeys = PT.map(nameKey);
    const pick = (arr: string, n: number, salt: number) => `(${arr})[1 + abs(hashint4(i * ${salt} + ${n})) % ${n}]`;
    // Chinese names: 4 characters of the pool + 有限公司; Portuguese: three words + ", Limitada"; English: three words + " Limited".
    await sql.unsafe(`
      INSERT INTO applications (record_id, application_number, service_point, workstation_id, kind, status, version, form, created_by, editors, history, blobs, search_text, updated_at)
      SELECT md5(i::text)::uuid, num, sp, ws, 'first_application', st, 1,
        jsonb_build_object('entity', jsonb_build_object('names', jsonb_build_object('zh', zh, 'pt', pt, 'en', en)),
          'persons', jsonb_build_array(jsonb_build_object('idDocument', jsonb_build_object('number', idn)))),
        'C1', '{}', jsonb_build_array(jsonb_build_object('status', st, 'at', '2026-11-23T02:00:00.000Z', 'actor', 'C1', 'workstationId', ws)), '{}',
        lower(replace(num, '-', '')) || E'\\n' || replace(replace(idn, '(', ''), ')', '') || E'\\n' || zhk || E'\\n' || ptk || E'\\n' || enk,
        timestamptz '2026-01-01T00:00:00Z' + make_interval(secs => i * 29)
      FROM (
        SELECT i, sp, ws, num, st, idn,
          z1 || z2 || z3 || z4 || '有限公司' AS zh, zk1 || zk2 || zk3 || zk4 || '${nameKey('有限公司')}' AS zhk,
          p1 || ' ' || p2 || ' ' || p3 || ', Limitada' AS pt, pk1 || ' ' || pk2 || ' ' || pk3 || ', limitada' AS ptk,
          e1 || ' ' || e2 || ' ' || e3 || ' Limited' AS en, lower(e1 || ' ' || e2 || ' ' || e3 || ' limited') AS enk
        FROM (
          SELECT i,
            'SP' || lpad(((i % 300) % ${SERVICE_POINTS} + 1)::text, 2, '0') AS sp,
            'SP' || lpad(((i % 300) % ${SERVICE_POINTS} + 1)::text, 2, '0') || '-W' || ((i % 300) / ${SERVICE_POINTS}) AS ws,
            'SP' || lpad(((i % 300) % ${SERVICE_POINTS} + 1)::text, 2, '0') || '-W' || ((i % 300) / ${SERVICE_POINTS}) || '-'
              || to_char(date '2026-01-01' + (i / 300 / 10), 'YYYYMMDD') || '-' || lpad(((i / 300) % 10 + 1)::text, 4, '0') || '-K' AS num,
            (ARRAY['pending_approval', 'approved', 'approved', 'rejected', 'returned'])[1 + abs(hashint4(i)) % 5] AS st,
            lpad((abs(hashint4(i * 31 + 7)) % 10000000)::text, 7, '0') || '(' || (abs(hashint4(i * 37 + 3)) % 10) || ')' AS idn,
            ${pick(sqlText(ZH), ZH.length, 3)} AS z1, ${pick(sqlText(ZH), ZH.length, 5)} AS z2, ${pick(sqlText(ZH), ZH.length, 7)} AS z3, ${pick(sqlText(ZH), ZH.length, 11)} AS z4,
            ${pick(sqlText(zhKeys), ZH.length, 3)} AS zk1, ${pick(sqlText(zhKeys), ZH.length, 5)} AS zk2, ${pick(sqlText(zhKeys), ZH.length, 7)} AS zk3, ${pick(sqlText(zhKeys), ZH.length, 11)} AS zk4,
            ${pick(sqlText(PT), PT.length, 13)} AS p1, ${pick(sqlText(PT), PT.length, 17)} AS p2, ${pick(sqlText(PT), PT.length, 19)} AS p3,
            ${pick(sqlText(ptKeys), PT.length, 13)} AS pk1, ${pick(sqlText(ptKeys), PT.length, 17)} AS pk2, ${pick(sqlText(ptKeys), PT.length, 19)} AS pk3,
            ${pick(sqlText(EN), EN.length, 23)} AS e1, ${pick(sqlText(EN), EN.length, 29)} AS e2, ${pick(sqlText(EN), EN.length, 41)} AS e3
          FROM generate_series(0, ${APPLICATIONS - 1}) AS i
        ) g
      ) s`);
    const seeded = performance.now() - t0;
    await sql`SET maintenance_work_mem = '256MB'`;
    for (const ix of searchIndexes) await sql.unsafe(ix.indexdef);
    await sql`ANALYZE applications`;
    const indexed = performance.now() - t0 - seeded;
    const n = (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM applications`)[0]?.n ?? 0;
    const size = (await sql<{ size: string }[]>`SELECT pg_size_pretty(pg_relation_size('applications_search_trgm')) AS size`)[0]?.size ?? '?';
    report.note(
      `seeded ${n.toLocaleString('en')} applications in ${(seeded / 1000).toFixed(1)} s; search indexes built in ${(indexed / 1000).toFixed(1)} s (trigram index ${size})`,
    );

    // Queries drawn from real rows, spread over the whole table.
    const sample = await sql<
      { application_number: string; form: { entity: { names: { zh: string; pt: string; en: string } }; persons: { idDocument: { number: string } }[] } }[]
    >`
      SELECT application_number, form FROM applications TABLESAMPLE SYSTEM (0.2) REPEATABLE (7) LIMIT ${ITERATIONS}`;
    const at = <T>(xs: T[], i: number): T => xs[i % xs.length] as T;
    const words = (s: string, from: number, count: number) =>
      s
        .split(/[ ,]+/)
        .slice(from, from + count)
        .join(' ');
    const all: SearchCaller = { servicePoint: 'SP01', sessionUser: 'R1' };
    const one: SearchCaller = { servicePoint: 'SP01', sessionUser: null };
    const run = (caller: SearchCaller, q: (i: number) => string) => async (i: number) => {
      const res = await searchApplications(sql, now, caller, SearchQuerySchema.parse({ q: q(i) }));
      if (res.tooShort) throw new Error(`too short: ${q(i)}`);
    };
    const opts = { iterations: ITERATIONS, warmup: 20 };
    const baseline = await measure(
      'baseline: SELECT … WHERE application_number = $1',
      async (i) => {
        await sql`SELECT record_id, status, form, history FROM applications WHERE application_number = ${at(sample, i).application_number}`;
      },
      opts,
    );
    const kinds: [string, SearchCaller, (i: number) => string][] = [
      ['number, exact (all 30 service points)', all, (i) => at(sample, i).application_number],
      ['number, prefix: workstation + day (all)', all, (i) => at(sample, i).application_number.slice(0, -7)],
      ['Portuguese name, 2 words without accents (all)', all, (i) => nameKey(words(at(sample, i).form.entity.names.pt, 0, 2))],
      ['English name, 2 words lower case (all)', all, (i) => words(at(sample, i).form.entity.names.en, 1, 2).toLowerCase()],
      ['Chinese name, 3 characters (all)', all, (i) => [...at(sample, i).form.entity.names.zh].slice(1, 4).join('')],
      ['Chinese name, 2 characters (all)', all, (i) => [...at(sample, i).form.entity.names.zh].slice(0, 2).join('')],
      ['ID number as typed 1234567(8) (all)', all, (i) => at(sample, i).form.persons[0]!.idDocument.number],
      ['ID number, digits only (all)', all, (i) => numberKey(at(sample, i).form.persons[0]!.idDocument.number)],
      ['common word "limitada" (all; capped)', all, () => 'limitada'],
      ['Portuguese name, 2 words (one service point)', one, (i) => nameKey(words(at(sample, i).form.entity.names.pt, 1, 2))],
      ['Chinese name, 3 characters (one service point)', one, (i) => [...at(sample, i).form.entity.names.zh].slice(1, 4).join('')],
    ];
    for (const [label, caller, q] of kinds) {
      const s = await measure(`search: ${label}`, run(caller, q), opts);
      report.compare(`Search at ${n.toLocaleString('en')} applications — ${label} (target p99 < 50 ms)`, baseline, s);
    }
  } finally {
    await sql.end({ timeout: 5 });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName}`).catch(() => undefined);
    await admin.end({ timeout: 5 });
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};

export default suite;
