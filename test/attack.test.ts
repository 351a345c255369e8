import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contract, isMethod } from '../api/contract';
import { hostileCalls, type HostileCall } from '../api/malformed-calls';
import { API_ERROR_CODES, type ApiResult } from '../api/result';
import { isMessageKey } from '../i18n';
import { sampleFirstApplication } from '../domain/rules/sample-applications';
import { searchTerms } from '../domain/search-terms';
import type { Role } from '../domain/workflow';
import { TEST_PASSWORD_PARAMS } from '../services/auth/test-support';
import { createAppCore, type AppCore } from '../services/core/app-core';
import { seedUser } from '../services/core/test-support';
import { scanFixtures } from '../services/store/attachments/fixtures';
import { jpegDeclaring, pngDeclaring, tiffStripBomb } from '../services/store/attachments/hostile-scans';
import { startHttpBridge, type HttpBridge } from '../harness/http-bridge';

/**
 * The hostile-call replay of issue 12 (`npm run test:attack`): every contract method, as every
 * role, through the dispatcher and through the HTTP bridge, with malformed, oversized and
 * wrongly typed inputs, prototype-pollution keys, NUL bytes and forged ids (one that exists
 * nowhere, and another clerk's application and scan). Counted: calls tried, crashes (a call
 * that did not come back as an answer), stack traces, malformed refusals, data lost (any
 * change to the records), secrets in clear (the database key, a password or a password
 * verifier in an answer or a log line).
 */
const KEY = Buffer.alloc(32, 0x5c);
const ROLES: { name: string; staff?: string; roles?: Role[] }[] = [
  { name: 'signed out' },
  { name: 'clerk', staff: 'C1', roles: ['clerk'] },
  { name: 'supervisor', staff: 'S1', roles: ['supervisor'] },
  { name: 'admin', staff: 'A1', roles: ['workstation_admin'] },
];
/** Methods that only read: their well-shaped hostile inputs (a NUL in a search) are replayed too. */
const READS =
  /^(intake\.(list|get)|reference\.findEntities|receipts\.(find|status|verify|settings|printers|preview|workstationKey)|approval\.(queue|lastDecision|dayEnd|dayEndExport)|attachments\.(list|thumbnail)|applications\.history|enablements\.today|app\.info|auth\.(status|settings))$/;
const STACK = /\n\s*at |\bat \S+ \(|node:internal|\.(?:ts|js|cjs|mjs):\d+/;

interface Tally {
  tried: number;
  crashes: string[];
  stackTraces: string[];
  malformedRefusals: string[];
  secrets: string[];
  internal: string[];
  accepted: string[];
}
const tally = (): Tally => ({ tried: 0, crashes: [], stackTraces: [], malformedRefusals: [], secrets: [], internal: [], accepted: [] });

let dir: string;
let core: AppCore;
let bridge: HttpBridge;
const logLines: string[] = [];
const passwords: Record<string, string> = {};
let victim: { applicationId: string; attachmentId: string; pageId: string };

/** Everything a clerk would call data: every table but the logs of what happened (audit, sessions, outbox), and the scan files. */
function snapshot(): string {
  const db = core.store.db;
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all()
    .map((r) => r.name)
    .filter((n) => !['audit_log', 'audit_head', 'sessions', 'outbox'].includes(n));
  const h = createHash('sha256');
  for (const t of tables) {
    const rows = db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).all() as Record<string, unknown>[];
    for (const row of rows) {
      // A refused sign-in may count a failure or stamp a time: that is the lockout at work, not data.
      const kept = t === 'users' ? Object.entries(row).filter(([k]) => !/fail|lock|last|attempt|updated/i.test(k)) : Object.entries(row);
      h.update(`${t}\u0000${JSON.stringify(kept, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v))}\n`);
    }
  }
  const scans = readdirSync(join(dir, 'scans'), { recursive: true }).map(String).sort();
  h.update(scans.join('\n'));
  return h.digest('hex');
}

function secretIn(text: string): string | null {
  if (text.includes(KEY.toString('hex')) || text.includes(KEY.toString('base64'))) return 'database key';
  for (const [who, pw] of Object.entries(passwords)) if (text.includes(pw)) return `password of ${who}`;
  if (/\$argon2/.test(text)) return 'password verifier';
  return null;
}

function httpCall(method: string, input: unknown): Promise<ApiResult<unknown>> {
  const url = new URL(bridge.origin);
  const body = JSON.stringify(input) ?? '';
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: `/api/${encodeURIComponent(method)}`,
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: bridge.origin, authorization: `Bearer ${bridge.token}` },
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (data += d));
        res.on('end', () => {
          try {
            resolve(JSON.parse(data) as ApiResult<unknown>);
          } catch {
            reject(new Error(`HTTP ${res.statusCode ?? 0}: not JSON: ${data.slice(0, 200)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const transports: { name: string; call: (method: string, input: unknown) => Promise<ApiResult<unknown>> }[] = [
  { name: 'dispatcher', call: (m, i) => core.dispatch(m, i, { transport: 'ipc' }) },
  { name: 'HTTP bridge', call: (m, i) => httpCall(m, i) },
];

async function signInAs(role: (typeof ROLES)[number]): Promise<void> {
  await core.dispatch('auth.signOut', {}, { transport: 'ipc' });
  if (!role.staff) return;
  const r = await core.dispatch('auth.signIn', { staffNumber: role.staff, password: passwords[role.staff] }, { transport: 'ipc' });
  if (!r.ok) throw new Error(`sign-in as ${role.name} failed: ${JSON.stringify(r.error)}`);
}

async function replay(calls: HostileCall[], call: (method: string, input: unknown) => Promise<ApiResult<unknown>>, label: string, t: Tally) {
  for (const c of calls) {
    t.tried++;
    const name = `${label} ${c.name}`;
    let answer: ApiResult<unknown>;
    try {
      answer = await call(c.method, c.input);
    } catch (e) {
      t.crashes.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    const text = JSON.stringify(answer);
    if (STACK.test(text)) t.stackTraces.push(name);
    const secret = secretIn(text);
    if (secret) t.secrets.push(`${name}: ${secret}`);
    if (answer.ok) {
      t.accepted.push(name);
      continue;
    }
    const e = answer.error as { code?: unknown; messageKey?: unknown };
    const wellFormed = (API_ERROR_CODES as readonly unknown[]).includes(e.code) && typeof e.messageKey === 'string' && isMessageKey(e.messageKey);
    if (!wellFormed) t.malformedRefusals.push(`${name}: ${text.slice(0, 200)}`);
    if (e.code === 'internal') t.internal.push(name);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'counterdesk-attack-'));
  writeFileSync(
    join(dir, 'workstation.json'),
    JSON.stringify({ workstationId: 'W09', servicePoint: { code: 'SP01', nameZh: '測試服務點', namePt: 'Posto de teste' } }),
  );
  core = createAppCore({
    dataDir: dir,
    key: KEY,
    version: 'test',
    session: { passwordParams: TEST_PASSWORD_PARAMS },
    log: (m, err) => logLines.push(`${m} ${String(err)}`),
  });
  for (const r of [...ROLES, { name: 'victim', staff: 'C2', roles: ['clerk'] as Role[] }]) {
    if (r.staff && r.roles) passwords[r.staff] = await seedUser(core, r.staff, r.roles);
  }
  // Another clerk's draft with a scan: the forged ids that exist.
  const app = sampleFirstApplication();
  app.documents = {};
  const applicationId = core.store.applications.createDraft({ kind: app.kind, data: app, search: searchTerms(app), actor: 'staff:C2' }).id;
  const att = core.store.attachments.put(scanFixtures.png, { applicationId, slot: 'paper.application_form', actor: 'staff:C2' });
  victim = { applicationId, attachmentId: att.id, pageId: att.pages[0]?.id ?? '' };
  bridge = await startHttpBridge({ dispatch: core.dispatch, staticDir: dir, csp: () => "default-src 'none'" });
});
afterAll(async () => {
  await bridge?.close();
  core?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('hostile-call replay (issue 12)', () => {
  it('every method, every role, both transports: no crash, no stack, every refusal typed, no data changed, no secret in clear', async () => {
    const forgedIds = ['f0rged00-0000-4000-8000-000000000000', victim.applicationId, victim.attachmentId, victim.pageId];
    // As the dispatcher reads it: no input (null, undefined) is the empty object.
    const calls = hostileCalls(contract, {
      forgedIds,
      accepts: (m, i) => isMethod(m) && contract[m].input.safeParse(i ?? {}).success,
      readOnly: (m) => READS.test(m),
    });
    const methodsCovered = new Set(calls.map((c) => c.method).filter(isMethod));
    expect([...methodsCovered].sort()).toEqual(Object.keys(contract).sort());

    const before = snapshot();
    const t = tally();
    const changedBy: string[] = [];
    for (const transport of transports) {
      for (const role of ROLES) {
        // Signed in afresh whenever a method's calls changed the session, so one call cannot leave
        // the rest running as someone else (or signed out).
        await signInAs(role);
        const status = async () => JSON.stringify(await core.dispatch('auth.status', {}, { transport: 'ipc' }));
        const expected = await status();
        for (const method of new Set(calls.map((c) => c.method))) {
          if ((await status()) !== expected) await signInAs(role);
          await replay(
            calls.filter((c) => c.method === method),
            transport.call,
            `[${transport.name}, ${role.name}]`,
            t,
          );
        }
        if (snapshot() !== before) changedBy.push(`${transport.name}, ${role.name}`);
      }
    }
    for (const line of logLines) {
      const s = secretIn(line);
      if (s) t.secrets.push(`log: ${s}`);
    }
    const counts = {
      tried: t.tried,
      crashes: t.crashes.length,
      stackTraces: t.stackTraces.length,
      malformedRefusals: t.malformedRefusals.length,
      internalErrors: t.internal.length,
      dataLost: changedBy.length,
      secretsInClear: t.secrets.length,
      acceptedForgedCalls: t.accepted.length,
    };
    console.log(`hostile-call replay: ${JSON.stringify(counts)}`);
    if (t.accepted.length > 0)
      console.log(`accepted (answered, nothing changed):\n  ${[...new Set(t.accepted.map((a) => a.replace(/^\[[^,]*, /, '[')))].join('\n  ')}`);
    expect(t.crashes).toEqual([]);
    expect(t.stackTraces).toEqual([]);
    expect(t.malformedRefusals).toEqual([]);
    expect(t.internal).toEqual([]);
    expect(changedBy).toEqual([]);
    expect(t.secrets).toEqual([]);
    // The core is still whole and answering.
    expect(core.store.audit.verify()).toMatchObject({ ok: true });
    expect(core.store.health({ recheck: true }).integrity).toBe('ok');
    expect(core.store.attachments.read(victim.attachmentId).equals(scanFixtures.png)).toBe(true);
    expect((await core.dispatch('app.info', {}, { transport: 'ipc' })).ok).toBe(true);
  }, 600_000);

  it('hostile files through the upload path (pixel bombs, the 10,000-page TIFF) are refused with their message and store nothing', async () => {
    await signInAs(ROLES[1] as (typeof ROLES)[number]);
    const app = sampleFirstApplication();
    app.documents = {};
    const applicationId = core.store.applications.createDraft({ kind: app.kind, data: app, search: searchTerms(app), actor: 'staff:C1' }).id;
    const before = snapshot();
    const upload = async (bytes: Buffer) => {
      const begun = await core.dispatch(
        'attachments.begin',
        { applicationId, slot: 'paper.application_form', fileName: 'scan', size: bytes.length },
        { transport: 'http' },
      );
      if (!begun.ok) return begun;
      const { uploadId, chunkSize } = begun.value as { uploadId: string; chunkSize: number };
      for (let i = 0; i * chunkSize < bytes.length; i++) {
        const dataBase64 = bytes.subarray(i * chunkSize, (i + 1) * chunkSize).toString('base64');
        const r = await core.dispatch('attachments.chunk', { uploadId, index: i, dataBase64 }, { transport: 'http' });
        if (!r.ok) return r;
      }
      return core.dispatch('attachments.commit', { uploadId }, { transport: 'http' });
    };
    expect(await upload(pngDeclaring(20000, 20000))).toMatchObject({
      ok: false,
      error: { code: 'refused', messageKey: 'hardening.scan.tooManyPixels', params: { megapixels: 400 } },
    });
    expect(await upload(jpegDeclaring(65000, 65000))).toMatchObject({ ok: false, error: { code: 'refused', messageKey: 'hardening.scan.tooManyPixels' } });
    expect(await upload(tiffStripBomb())).toMatchObject({ ok: false, error: { code: 'refused', messageKey: 'hardening.scan.tooComplex' } });
    expect(snapshot()).toBe(before);
  }, 120_000);

  it('HTTP-level attacks on the bridge (bad percent-encoding, look-alike JSON types, broken bodies) get a typed refusal, never a 500', async () => {
    await signInAs(ROLES[1] as (typeof ROLES)[number]);
    const before = snapshot();
    const raw = (path: string, body: string, type = 'application/json') =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const url = new URL(bridge.origin);
        const headers = { 'content-type': type, origin: bridge.origin, authorization: `Bearer ${bridge.token}` };
        const req = request({ host: url.hostname, port: url.port, path, method: 'POST', headers }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject);
        req.end(body);
      });
    const attacks: [string, string, string?][] = [
      ['/api/%ZZ', '{}'],
      ['/api/%00', '{}'],
      ['/api/%E0%A4%A', '{}'],
      ['/api/intake.list%', '{}'],
      [`/api/${'a'.repeat(5000)}`, '{}'],
      ['/api/intake.list', '{}', 'application/jsonx'],
      ['/api/intake.list', '{}', 'application/json-patch+json'],
      ['/api/intake.list', '{}', 'text/plain'],
      ['/api/intake.list', '{}', ''],
      ['/api/intake.list', '{'],
      ['/api/intake.list', '"\u0000"'],
      ['/api/intake.list', '\u0000'],
      ['/api/intake.list', 'NaN'],
      ['/api/intake.list', '{"__proto__":{"limit":1}}'],
      ['/api/intake.list', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ];
    for (const [path, body, type] of attacks) {
      const r = await raw(path, body, type);
      const name = `${path.slice(0, 40)} ${type ?? ''} ${body.slice(0, 20)}`;
      // Refused by the bridge itself: 4xx; refused by the dispatcher (an unknown method): 200 with the typed refusal, as every API answer.
      expect(r.status, name).toBeLessThan(500);
      const json = JSON.parse(r.text) as { ok: boolean; error: { code: string; messageKey: string } };
      expect(json.ok, name).toBe(false);
      expect(API_ERROR_CODES, name).toContain(json.error.code);
      expect(isMessageKey(json.error.messageKey), name).toBe(true);
      expect(r.text, name).not.toMatch(STACK);
    }
    expect(snapshot()).toBe(before);
  });
});
