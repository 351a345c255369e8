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
import { nameTokens, numberKey } from '../server/search/search-key';
import { searchApplications, type SearchCaller } from '../server/search/search-service';
import { measure, type BenchSuite } from './harness';

const APPLICATIONS = Number(process.env['COUNTERDESK_BENCH_SEARCH_ROWS'] ?? 1_000_000);
const SERVICE_POINTS = 30;
const WORKSTATIONS_PER_SP = 10;
const ITERATIONS = 300;
const now = () => new Date('2026-11-28T02:00:00.000Z');

// Names as Macau's registry holds them. Chinese: an optional district, a core of 2–6 characters
// (six in ten from ~150 characters common in firm names, the rest from the whole CJK block),
// an optional trade and a legal form — 4 to 20 characters. Portuguese and English: an optional
// form of company, a trade word, the core's romanisation (Cantonese syllables, as "Kam Lung")
// and a legal suffix. So names are mostly distinct and tokens have a realistic spread, from
// "有限公司" / "limitada" in most names to a pair of characters in a handful.
const COMMON_ZH = [
  ...'興發華昌隆盛泰安康寧福祥瑞豐富貴利源信誠德和順通聯合友記行號堂閣軒樓園苑坊廊館店舖廠社金銀寶玉珠龍鳳麟永恆新光明輝星月日東西南北中大天海山川河江湖港灣島城國家民生益美高佳佳嘉怡悅樂欣喜榮耀威雄強建立成達進億萬千百兆鴻運旺祺禎宏鼎匯滙景雅麗晶彩藝文華中',
];
const PLACES = ['澳門', '氹仔', '路環', '路氹', '新口岸', '南灣', '北區', '黑沙環', '高士德', '祐漢', '台山', '筷子基', '下環', '望廈', '新橋'];
const TRADES = [
  '貿易',
  '餐飲',
  '建築工程',
  '物業管理',
  '科技',
  '投資',
  '酒店',
  '旅遊',
  '物流',
  '顧問',
  '地產',
  '美容',
  '教育中心',
  '裝修工程',
  '電器',
  '海鮮',
  '茶餐廳',
  '珠寶',
  '汽車',
  '印刷',
  '清潔服務',
  '保安',
  '廣告',
  '醫療',
  '藥房',
  '超市',
  '時裝',
  '傢俬',
  '電腦',
  '網絡',
];
const ZH_FORMS = ['有限公司', '有限公司', '有限公司', '有限公司', '一人有限公司', '一人有限公司', '商行', '貿易行', '', '會'];
const INITIALS = ['', 'k', 'ch', 'h', 'l', 'm', 'n', 'p', 's', 't', 'v', 'w', 'i', 'ng', 'kw', 'f', 'c', 'y', 'u', 'sh'];
const FINALS = [
  'am',
  'an',
  'ang',
  'ai',
  'au',
  'ei',
  'eng',
  'ing',
  'im',
  'in',
  'iu',
  'ong',
  'un',
  'ung',
  'ok',
  'at',
  'ek',
  'eong',
  'ou',
  'ao',
  'a',
  'o',
  'oi',
  'ui',
];
const SYLLABLES = INITIALS.flatMap((i) => FINALS.map((f) => `${i}${f}`)).map((x) => x[0]!.toUpperCase() + x.slice(1));
const PT_FORMS = ['Companhia de', 'Sociedade de', 'Empresa de', 'Agência de', 'Centro de', 'Grupo', 'Casa de', 'Fomento', '', '', '', ''];
const PT_TRADES =
  'Comércio Importação Exportação Construção Engenharia Investimento Predial Fomento Imobiliário Turismo Hotelaria Restauração Transportes Logística Consultoria Contabilidade Publicidade Informática Tecnologia Têxteis Joalharia Farmácia Padaria Mercearia Papelaria Ourivesaria Electrónica Mobiliário Vestuário Calçado Cerâmica Artesanato Fotografia Música Desporto Clínica Estética Beleza Limpeza Segurança Manutenção Reparação Decoração Iluminação Energia Ambiente Reciclagem Alimentação Bebidas Vinhos Chá Café Doces Marisco Peixaria Talho Florista Livraria Educação Saúde Serviços Gestão Propriedades Automóveis Viagens Seguros Finanças Design Media'.split(
    ' ',
  );
const PT_SUFFIXES = [', Limitada', ', Limitada', ', Lda.', ' Sociedade Unipessoal Limitada', ''];
const EN_TRADES =
  'Trading Holdings Services Logistics Consulting Engineering Technology Foods Travel Hotels Media Design Studio Partners Ventures Capital Systems Solutions Supplies Works Industries Enterprises Development Investment Property Realty Construction Decoration Jewellery Pharmacy Seafood Restaurant Catering Printing Cleaning Security Advertising Medical Fashion Furniture Computer Network Electrical Motors Education Beauty Tea Wine Garden Pearl Orient Dragon Lotus Harbour Golden Royal Grand Lucky Fortune Prosperity Harmony Pacific Asia Global United Premier Prime Elite Modern Smart Bright Jade Crystal Diamond Phoenix'.split(
    ' ',
  );
const EN_SUFFIXES = [' Limited', ' Company Limited', ' Trading Company', ' Holdings Limited', ''];
/** A pool as a SQL array of display texts and one of their search tokens (space-separated). */
const sqlArray = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]::text[]`;
let pools = 0;
/** A pool's display texts and their search tokens: SQL arrays built once, in the seed's one-row `p`. */
const pool = (xs: string[]) => {
  const id = `p${pools++}`;
  return {
    text: `p.${id}t`,
    tokens: `p.${id}k`,
    n: xs.length,
    columns: `${sqlArray(xs)} AS ${id}t, ${sqlArray(xs.map((x) => nameTokens(x).join(' ')))} AS ${id}k`,
  };
};

const suite: BenchSuite = async (report) => {
  const dir = mkdtempSync(join(tmpdir(), 'counterdesk-bench-search-'));
  chmodSync(dir, 0o755); // the embedded PostgreSQL runs as the postgres user when we are root
  const external = process.env['DATABASE_URL'];
  const embedded = external ? undefined : await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), ephemeral: false });
  const serverUrl = external ?? embedded?.url ?? '';
  // A fresh database of its own: never the one DATABASE_URL names. COUNTERDESK_BENCH_SEARCH_DB
  // names one to keep after the run and to use again, seeded, on the next (with DATABASE_URL).
  const keep = external ? process.env['COUNTERDESK_BENCH_SEARCH_DB'] : undefined;
  if (keep !== undefined && !/^cdbench_search_[a-z0-9_]+$/.test(keep)) throw new Error('COUNTERDESK_BENCH_SEARCH_DB: cdbench_search_<letters, digits>');
  const dbName = keep ?? `cdbench_search_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  const reuse = keep !== undefined && (await admin`SELECT 1 FROM pg_database WHERE datname = ${keep}`).length > 0;
  if (!reuse) await admin.unsafe(`CREATE DATABASE ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const sql = postgres(url.toString(), { max: 2, onnotice: () => undefined });
  try {
    await migrate(sql, now); // a kept database gets this run's migrations
    if (!reuse) {
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
      SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'applications' AND indexname IN ('applications_search_tokens', 'applications_number_prefix')`;
      for (const ix of searchIndexes) await sql.unsafe(`DROP INDEX ${ix.indexname}`);
      const [commonZh, places, trades, zhForms] = [pool(COMMON_ZH), pool(PLACES), pool(TRADES), pool(ZH_FORMS)];
      const [syll, ptForms, ptTrades, ptSuffixes, enTrades, enSuffixes] = [SYLLABLES, PT_FORMS, PT_TRADES, PT_SUFFIXES, EN_TRADES, EN_SUFFIXES].map(pool) as [
        ReturnType<typeof pool>,
        ReturnType<typeof pool>,
        ReturnType<typeof pool>,
        ReturnType<typeof pool>,
        ReturnType<typeof pool>,
        ReturnType<typeof pool>,
      ];
      /** Deterministic draws: the k-th hash of row i. */
      const h = (k: number) => `(hashint8(i::bigint * 7919 + ${k}) & 2147483647)`;
      const draw = (p: ReturnType<typeof pool>, k: number, which: 'text' | 'tokens' = 'text') => `${p[which]}[1 + ${h(k)} % ${p.n}]`;
      const poolColumns = [commonZh, places, trades, zhForms, syll, ptForms, ptTrades, ptSuffixes, enTrades, enSuffixes].map((x) => x.columns).join(', ');
      const both = (p: ReturnType<typeof pool>, k: number) => [draw(p, k), draw(p, k, 'tokens')] as const;
      const place = draw(places, 11);
      const trade = draw(trades, 12);
      const zhForm = draw(zhForms, 13);
      const [s1, s1Tok] = both(syll, 14);
      const [s2, s2Tok] = both(syll, 15);
      const [ptForm, ptFormTok] = both(ptForms, 16);
      const [ptTrade, ptTradeTok] = both(ptTrades, 17);
      const [ptSuffix, ptSuffixTok] = both(ptSuffixes, 18);
      const [enTrade, enTradeTok] = both(enTrades, 19);
      const [enSuffix, enSuffixTok] = both(enSuffixes, 20);
      const join = (...xs: string[]) => xs.map((x) => `coalesce(${x}, '')`).join(` || ' ' || `);
      const seedSql = `
      INSERT INTO applications (record_id, application_number, service_point, workstation_id, kind, status, version, form, created_by, editors, history, blobs, search_text, updated_at)
      SELECT md5(i::text)::uuid, num, sp, ws, 'first_application', st, 1,
        jsonb_build_object('entity', jsonb_build_object('names', jsonb_build_object('zh', zh, 'pt', pt, 'en', en)),
          'persons', jsonb_build_array(jsonb_build_object('idDocument', jsonb_build_object('number', idn)))),
        'C1', '{}', jsonb_build_array(jsonb_build_object('status', st, 'at', '2026-11-23T02:00:00.000Z', 'actor', 'C1', 'workstationId', ws)), '{}',
        -- search-key.ts's tokens: the numbers, each pair of adjacent Chinese characters, the folded words.
        btrim(regexp_replace(
          lower(replace(num, '-', '')) || ' ' || replace(replace(idn, '(', ''), ')', '') || ' '
          || array_to_string(ARRAY(SELECT c[j] || c[j + 1] FROM generate_series(1, cardinality(c) - 1) j), ' ') || ' '
          || ${join('ptk', 'enk')}, ' +', ' ', 'g')),
        timestamptz '2026-01-01T00:00:00Z' + make_interval(secs => i * 29)
      FROM (
        SELECT *, regexp_split_to_array(zh, '') AS c
        FROM (
          SELECT i, sp, ws, num, st, idn,
            CASE WHEN ${h(1)} % 10 < 3 THEN ${place} ELSE '' END || core || CASE WHEN ${h(2)} % 10 < 5 THEN ${trade} ELSE '' END || ${zhForm} AS zh,
            btrim(CASE WHEN ${h(3)} % 2 = 0 THEN ${ptForm} || ' ' ELSE '' END || ${ptTrade} || ' ' || ${s1} || ' ' || ${s2} || ${ptSuffix}) AS pt,
            ${join(`CASE WHEN ${h(3)} % 2 = 0 THEN ${ptFormTok} END`, ptTradeTok, `lower(${s1Tok})`, `lower(${s2Tok})`, ptSuffixTok)} AS ptk,
            btrim(${s1} || ' ' || ${s2} || ' ' || ${enTrade} || ${enSuffix}) AS en,
            ${join(`lower(${s1Tok})`, `lower(${s2Tok})`, enTradeTok, enSuffixTok)} AS enk
          FROM (
            SELECT i,
              'SP' || lpad(((i % 300) % ${SERVICE_POINTS} + 1)::text, 2, '0') AS sp,
              'SP' || lpad(((i % 300) % ${SERVICE_POINTS} + 1)::text, 2, '0') || '-W' || ((i % 300) / ${SERVICE_POINTS}) AS ws,
              'SP' || lpad(((i % 300) % ${SERVICE_POINTS} + 1)::text, 2, '0') || '-W' || ((i % 300) / ${SERVICE_POINTS}) || '-'
                || to_char(date '2026-01-01' + (i / 300 / 10), 'YYYYMMDD') || '-' || lpad(((i / 300) % 10 + 1)::text, 4, '0') || '-K' AS num,
              (ARRAY['pending_approval', 'approved', 'approved', 'rejected', 'returned'])[1 + ${h(4)} % 5] AS st,
              (ARRAY['1', '5', '7'])[1 + ${h(5)} % 3] || lpad((${h(6)} % 1000000)::text, 6, '0') || '(' || (${h(7)} % 10) || ')' AS idn,
              (SELECT string_agg(CASE WHEN (hashint8(i::bigint * 104729 + j) & 2147483647) % 10 < 6 THEN ${commonZh.text}[1 + (hashint8(i::bigint * 15485863 + j) & 2147483647) % ${commonZh.n}]
                ELSE chr(19968 + (hashint8(i::bigint * 1299709 + j) & 2147483647) % 20902) END, '')
                FROM generate_series(1, 2 + ${h(8)} % 5) j) AS core
            FROM generate_series(0, ${APPLICATIONS - 1}) AS i, (SELECT ${poolColumns}) p
            OFFSET 0
          ) g, (SELECT ${poolColumns}) p
          OFFSET 0
        ) n
        OFFSET 0
      ) s`;
      await sql.unsafe(seedSql);
      const seeded = performance.now() - t0;
      await sql`SET maintenance_work_mem = '256MB'`;
      for (const ix of searchIndexes) await sql.unsafe(ix.indexdef);
      await sql`ANALYZE applications`;
      const indexed = performance.now() - t0 - seeded;
      const size = (await sql<{ size: string }[]>`SELECT pg_size_pretty(pg_relation_size('applications_search_tokens')) AS size`)[0]?.size ?? '?';
      report.note(
        `seeded ${APPLICATIONS.toLocaleString('en')} applications in ${(seeded / 1000).toFixed(1)} s; search indexes built in ${(indexed / 1000).toFixed(1)} s (token index ${size})`,
      );
    }
    const n = (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM applications`)[0]?.n ?? 0;
    // Queries drawn from real rows, spread over the whole table.
    const sample = await sql<
      { application_number: string; form: { entity: { names: { zh: string; pt: string; en: string } }; persons: { idDocument: { number: string } }[] } }[]
    >`
      SELECT application_number, form FROM applications TABLESAMPLE SYSTEM (0.2) REPEATABLE (7) LIMIT ${ITERATIONS}`;
    const at = <T>(xs: T[], i: number): T => xs[i % xs.length] as T;
    const fold = (x: string) => nameTokens(x).join(' ');
    const zhCore = (zh: string) => {
      let core = zh;
      const place = PLACES.find((p) => core.startsWith(p));
      if (place) core = core.slice(place.length);
      const form = [...ZH_FORMS].sort((x, y) => y.length - x.length).find((f) => f && core.endsWith(f));
      if (form) core = core.slice(0, -form.length);
      const trade = TRADES.find((t) => core.endsWith(t));
      return [...(trade ? core.slice(0, -trade.length) : core)];
    };
    const names = (i: number) => at(sample, i).form.entity.names;
    const enWords = (i: number) => names(i).en.split(' ');
    /** The Portuguese trade word and the first syllable of the romanised name, as a clerk types them (no accents). */
    const ptQuery = (i: number) => {
      const w = names(i).pt.split(/[ ,]+/);
      const s1 = enWords(i)[0]!;
      return fold(`${w[w.indexOf(s1) - 1] ?? ''} ${s1}`);
    };
    const all: SearchCaller = { servicePoint: 'SP01', sessionUser: 'R1' };
    const one: SearchCaller = { servicePoint: 'SP01', sessionUser: null };
    let found = 0;
    const run = (caller: SearchCaller, q: (i: number) => string) => async (i: number) => {
      const res = await searchApplications(sql, now, caller, SearchQuerySchema.parse({ q: q(i) }));
      if (res.tooShort) throw new Error(`too short: ${q(i)}`);
      found += res.results.length > 0 ? 1 : 0;
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
      ['Portuguese name: trade + romanised name, no accents (all)', all, ptQuery],
      ['English name: romanised name, lower case (all)', all, (i) => enWords(i).slice(0, 2).join(' ').toLowerCase()],
      ['English name: 2nd word + start of the 3rd, as being typed (all)', all, (i) => `${enWords(i)[1]} ${enWords(i)[2]!.slice(0, 4)}`],
      ['Chinese name: 2 characters of its core (all)', all, (i) => zhCore(names(i).zh).slice(0, 2).join('')],
      ['Chinese name: its core, 2-6 characters (all)', all, (i) => zhCore(names(i).zh).join('')],
      ['Chinese name: the whole name (all)', all, (i) => names(i).zh],
      ['ID number as typed 1234567(8) (all)', all, (i) => at(sample, i).form.persons[0]!.idDocument.number],
      ['ID number, digits only (all)', all, (i) => numberKey(at(sample, i).form.persons[0]!.idDocument.number)],
      ['ID number, first 5 digits (all; capped)', all, (i) => at(sample, i).form.persons[0]!.idDocument.number.slice(0, 5)],
      ['common word "limitada" (all; capped)', all, () => 'limitada'],
      ['common words "有限公司" (all; capped)', all, () => '有限公司'],
      ["Portuguese name (one service point; most queries name another one's)", one, ptQuery],
      ["Chinese name: 2 characters of its core (one service point; most queries name another one's)", one, (i) => zhCore(names(i).zh).slice(0, 2).join('')],
    ];
    for (const [label, caller, q] of kinds) {
      found = 0;
      const s = await measure(`search: ${label}`, run(caller, q), opts);
      report.compare(`Search at ${n.toLocaleString('en')} applications — ${label} (target p99 < 50 ms)`, baseline, s);
      report.note(`e.g. "${q(0)}", "${q(1)}": something found for ${Math.round((100 * found) / (ITERATIONS + opts.warmup))}% of queries`);
    }
  } finally {
    await sql.end({ timeout: 5 });
    if (keep === undefined) await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName}`).catch(() => undefined);
    await admin.end({ timeout: 5 });
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};

export default suite;
