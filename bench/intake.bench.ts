// Intake autosave at a busy workstation (issue 5): one keystroke's save through the whole
// core (dispatcher, zod both ways, tick stamping, store transaction with search terms and
// audit, the assessment with FAQ 8 against reference data and every pending application)
// against a bare `assess()` of the same form, measured in the same run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { measure, type BenchSuite } from './harness';
import { createAppCore } from '../services/core/app-core';
import { seedUser } from '../services/core/test-support';
import { TEST_PASSWORD_PARAMS } from '../services/auth/test-support';
import { createReferenceRepo, type IntakeRecord } from '../services/intake';
import { sampleFirstApplication } from '../domain/rules/sample-applications';
import { searchTerms } from '../domain/search-terms';
import { assess, type AssessmentContext } from '../domain/rules';

const STORED = Number(process.env.INTAKE_BENCH_N ?? 10_000);
const REFERENCE = Number(process.env.INTAKE_BENCH_REF ?? 20_000);

const suite: BenchSuite = async (report) => {
  const dir = mkdtempSync(join(tmpdir(), 'counterdesk-bench-intake-'));
  writeFileSync(join(dir, 'workstation.json'), JSON.stringify({ workstationId: 'W07', servicePoint: { code: 'SP01', nameZh: '測試', namePt: 'Teste' } }));
  const core = createAppCore({ dataDir: dir, key: randomBytes(32), version: 'bench', session: { passwordParams: TEST_PASSWORD_PARAMS } });
  try {
    const t0 = performance.now();
    createReferenceRepo(core.store.db, () => new Date().toISOString()).importFile({
      entities: Array.from({ length: REFERENCE }, (_, i) => ({
        entityNumber: `E${String(i).padStart(6, '0')}`,
        type: 'association' as const,
        names: { zh: `澳門第${i}號互助會`, pt: `Associação número ${i}` },
        registrationNumbers: [`A${i}`],
        taxpayerNumber: String(70_000_000 + i),
      })),
      staffLogins: [],
    });
    // A tenth pending approval, the rest drafts: FAQ 8 compares against the pending ones.
    core.store.db.transaction(() => {
      for (let i = 0; i < STORED; i++) {
        const app = sampleFirstApplication();
        app.entity.names = { zh: `示例公司${i}`, pt: `Exemplo ${i}, Limitada` };
        app.entity.taxpayerNumber = String(60_000_000 + i);
        app.entity.commercialRegistrationNumber = `${i} SO`;
        const rec = core.store.applications.createDraft({ kind: app.kind, data: app, search: searchTerms(app), actor: 'staff:C1' });
        if (i % 10 === 0)
          core.store.applications.setStatus(rec.id, { status: 'pending_approval', actor: 'staff:C1', applicationNumber: `SP01-W07-20261123-${i}` });
      }
    })();
    report.note(
      `${STORED} applications (${STORED / 10} pending) and ${REFERENCE} reference entities stored in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const password = await seedUser(core, 'C1', ['clerk']);
    const signIn = await core.dispatch('auth.signIn', { staffNumber: 'C1', password }, { transport: 'ipc' });
    if (!signIn.ok) throw new Error('sign-in failed');
    const created = await core.dispatch('intake.create', { kind: 'first_application' }, { transport: 'ipc' });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    let rec = created.value as IntakeRecord;
    const form = sampleFirstApplication();
    form.entity.names = { zh: '新公司', pt: 'Nova' };

    // The clerk types one more character of the Portuguese name each save.
    const save = await measure(
      `intake.save via dispatcher (${STORED} stored)`,
      async (i) => {
        const application = { ...form, entity: { ...form.entity, names: { zh: '新公司', pt: `Nova ${'x'.repeat(i % 150)}` } } };
        const r = await core.dispatch('intake.save', { id: rec.id, expectedRevision: rec.revision, application }, { transport: 'ipc' });
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        rec = r.value as IntakeRecord;
      },
      { iterations: 300 },
    );

    const ctx: AssessmentContext = {
      today: '2026-11-23',
      referenceEntities: createReferenceRepo(core.store.db, () => '').snapshot().entities,
      staffLogins: [],
      pendingApplications: [],
    };
    const bare = await measure(
      'bare assess() of the same form',
      (i) => assess({ ...form, entity: { ...form.entity, names: { zh: '新公司', pt: `Nova ${'x'.repeat(i % 150)}` } } }, ctx),
      { iterations: 300 },
    );
    report.compare('keystroke autosave → checklist from the core', bare, save);
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

export default suite;
