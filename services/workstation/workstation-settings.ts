import { z } from 'zod';
import { existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { Refusal } from '../core/refusal';
import { WorkstationConfigSchema, type WorkstationConfig } from '../core/workstation-config';
import { createUsersRepo, type SignedInUser } from '../auth';
import type { Clock } from '../core/clock';
import type { Store } from '../store';
import type { ReferenceRepo } from '../intake';
import { createReferenceImport } from './reference-import';
import { enrolmentPreflight } from './enrolment-preflight';
import { createPulledSettings } from './pulled-settings';

/** Why a settings change was refused; services/handlers/workstation-handlers.ts says it to the administrator. */
export type WorkstationSettingsRefusalCode = 'invalid' | 'placeholder_code' | 'folder_missing' | 'workstation_id_locked';

/** The code a fresh data folder gets (services/core/workstation-config.ts): nothing official may print it. */
export const PLACEHOLDER_SERVICE_POINT_CODE = 'DEV';

export const isPlaceholderServicePoint = (config: WorkstationConfig): boolean => config.servicePoint.code === PLACEHOLDER_SERVICE_POINT_CODE;

export interface WorkstationSettingsDeps {
  store: Store;
  /** Where workstation.json lives; absent in tests that build the services without a data folder. */
  dataDir: string | undefined;
  /**
   * The core's one config object. The service point is updated in place, so app.info,
   * numbering and receipts (which read it on every call) show it at once; the workstation id
   * and scanner folder are read at start (store, sequences, tray) and apply after a restart.
   */
  config: WorkstationConfig;
  requireAdmin(): SignedInUser;
  clock: Clock;
  reference: ReferenceRepo;
}

export interface WorkstationSettingsInput {
  servicePoint: { code: string; nameZh: string; namePt: string };
  workstationId: string;
  scannerFolder: string;
}

/** What enrolment kept of the server's answer (services/sync/enrolment.ts, sync_state `enrolment.servicePoint`). */
const EnrolledServicePointSchema = z.object({
  code: z.string().regex(/^[A-Z0-9]{2,8}$/),
  names: z.object({ zh: z.string().min(1).max(100), pt: z.string().min(1).max(100) }).nullable(),
});

const refuse = (code: WorkstationSettingsRefusalCode, message: string, params?: Record<string, string | number>) => new Refusal(code, message, params);

export function createWorkstationSettings(deps: WorkstationSettingsDeps) {
  const { store, config } = deps;
  const numbered = store.db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM applications WHERE workstation_id = ? AND application_number IS NOT NULL',
  );
  // As the core started: the store numbers and audits with this id until the restart.
  const atStart = structuredClone(config);
  const runningId = atStart.workstationId;
  const workstationIdLocked = () => (numbered.get(runningId)?.n ?? 0) > 0;
  /** What workstation.json holds now (a saved id or folder may be waiting for the restart). */
  let saved: WorkstationConfig = structuredClone(config);
  const users = createUsersRepo(store.db, () => deps.clock().toISOString());
  const serverSettings = createPulledSettings(store, () => deps.clock().toISOString());

  const read = () => ({
    servicePoint: { ...saved.servicePoint },
    workstationId: saved.workstationId,
    scannerFolder: saved.scannerFolder ?? '',
    placeholder: isPlaceholderServicePoint(saved),
    workstationIdLocked: workstationIdLocked(),
    fromServer: serverSettings.list(),
  });

  /**
   * A standalone workstation's users belong to its service point: when the code changes they
   * follow it (keeping the old code, which sign-in checks until the restart), so the
   * administrator who set it can still sign in.
   */
  const followServicePoint = (oldCode: string, newCode: string) => {
    for (const u of users.all()) {
      if (!u.servicePoints.includes(oldCode) || u.servicePoints.includes(newCode) || u.passwordVerifier === null) continue;
      users.upsert({ ...u, servicePoints: [...u.servicePoints, newCode], passwordVerifier: u.passwordVerifier });
    }
  };

  /** Written beside and renamed over: a crash mid-write never leaves a half file the next start cannot read. */
  const writeAtomically = (next: WorkstationConfig) => {
    if (!deps.dataDir) throw new Error('No data folder to write workstation.json to');
    const file = join(deps.dataDir, 'workstation.json');
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(next, null, 2), { mode: 0o600 });
    renameSync(temp, file);
  };

  return {
    ...createReferenceImport({ store, reference: deps.reference, requireAdmin: deps.requireAdmin }),
    /** Before an enrolment code is spent: the server answers (with the pinned TLS key, if any) and the clocks agree (throws SyncCallError or a Refusal). */
    enrolmentPreflight: (serverUrl: string, tlsSpkiSha256: string | null = null) => enrolmentPreflight(serverUrl, deps.clock, 15_000, tlsSpkiSha256),
    settings() {
      deps.requireAdmin();
      return read();
    },
    /**
     * After enrolment (issue 15): the service point code and names the server answered become
     * this workstation's, so receipts print them without a settings step. Audited as the
     * administrator who enrolled; nothing happens when the server sent no names (an older server)
     * or they are already these. Sign-in scope and the approval queue follow after a restart, as
     * for a code typed here.
     */
    adoptEnrolledServicePoint(actor: string): { changed: boolean; restartRequired: boolean } {
      const raw = store.db.prepare<[], { value: string }>(`SELECT value FROM sync_state WHERE key = 'enrolment.servicePoint'`).get()?.value;
      const answered = raw ? EnrolledServicePointSchema.safeParse(JSON.parse(raw)) : undefined;
      if (!answered?.success || !answered.data.names) return { changed: false, restartRequired: false };
      const sp = { code: answered.data.code, nameZh: answered.data.names.zh, namePt: answered.data.names.pt };
      if (sp.code === saved.servicePoint.code && sp.nameZh === saved.servicePoint.nameZh && sp.namePt === saved.servicePoint.namePt) {
        return { changed: false, restartRequired: false };
      }
      const parsed = WorkstationConfigSchema.safeParse({ ...saved, servicePoint: sp });
      if (!parsed.success) return { changed: false, restartRequired: false };
      const before = saved;
      const oldCode = config.servicePoint.code;
      store.db.transaction(() => {
        if (sp.code !== oldCode) followServicePoint(oldCode, sp.code);
        store.audit.append({ actor, action: 'settings_change', details: { area: 'workstation', before, after: parsed.data, source: 'enrolment' } });
      })();
      if (deps.dataDir) writeAtomically(parsed.data);
      saved = parsed.data;
      config.servicePoint = { ...sp };
      return { changed: true, restartRequired: sp.code !== atStart.servicePoint.code };
    },
    configure(input: WorkstationSettingsInput) {
      const admin = deps.requireAdmin();
      const folder = input.scannerFolder.trim();
      if (input.servicePoint.code === PLACEHOLDER_SERVICE_POINT_CODE) throw refuse('placeholder_code', 'The placeholder code cannot be chosen');
      if (folder !== '') {
        if (!isAbsolute(folder)) throw refuse('folder_missing', 'Scanner folder must be an absolute path', { folder });
        if (!existsSync(folder) || !statSync(folder).isDirectory()) throw refuse('folder_missing', 'Scanner folder does not exist', { folder });
      }
      // The workstation id is part of every application number it handed out (and of their
      // sequences): changing it afterwards would let two applications share a number.
      if (input.workstationId !== runningId && workstationIdLocked()) {
        throw refuse('workstation_id_locked', 'Applications were numbered on this workstation', { workstationId: runningId });
      }
      const parsed = WorkstationConfigSchema.safeParse({
        workstationId: input.workstationId,
        servicePoint: { code: input.servicePoint.code, nameZh: input.servicePoint.nameZh.trim(), namePt: input.servicePoint.namePt.trim() },
        ...(folder ? { scannerFolder: folder } : {}),
      });
      if (!parsed.success) throw refuse('invalid', 'Invalid workstation settings');
      const next = parsed.data;
      const before = saved;
      const oldCode = config.servicePoint.code;
      writeAtomically(next);
      saved = next;
      if (next.servicePoint.code !== oldCode) followServicePoint(oldCode, next.servicePoint.code);
      config.servicePoint = { ...next.servicePoint };
      // Sign-in, approval scope, the store's sequences and the scanner tray read these at start.
      const restartRequired =
        next.workstationId !== runningId ||
        next.servicePoint.code !== atStart.servicePoint.code ||
        (next.scannerFolder ?? '') !== (atStart.scannerFolder ?? '');
      store.audit.append({ actor: admin.actor, action: 'settings_change', details: { area: 'workstation', before, after: next, restartRequired } });
      return { settings: read(), restartRequired };
    },
  };
}

export type WorkstationSettings = ReturnType<typeof createWorkstationSettings>;
