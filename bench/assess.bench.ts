// Rules engine throughput: assess() of a full first application (with attorney, two legal
// representatives, three admins) beside ApplicationSchema.safeParse of the same object,
// the validation every save already pays. Target (issue 3): well under 1 ms per assessment.
// Each measured call runs a batch, because one assessment is below the timer's resolution.
import { ApplicationSchema } from '../domain/model/application';
import { assess } from '../domain/rules/assess';
import { sampleContext, sampleFirstApplicationWithAttorney } from '../domain/rules/sample-applications';
import { measure, type BenchSuite } from './harness';

const BATCH = 100;

const suite: BenchSuite = async (report) => {
  const app = sampleFirstApplicationWithAttorney();
  app.legalRepresentatives.push({ personId: 'p2', attendsInPerson: true });
  app.persons.push({ id: 'p4', name: '何三', idDocument: { type: 'cn_resident_id', number: '11010519491231002X' }, mobile: '63333333', email: 'h@x.mo' });
  app.admins.push({ personId: 'p4' });
  const ctx = sampleContext();
  for (let i = 0; i < 500; i++) {
    ctx.referenceEntities = [
      ...ctx.referenceEntities,
      { entityNumber: `E${i}`, names: { zh: `實體${i}` }, registrationNumbers: [`R${i}`], taxpayerNumber: String(80000000 + i) },
    ];
  }
  const raw = JSON.parse(JSON.stringify(app)) as unknown;
  const opts = { iterations: 200, warmup: 20 };

  const parse = await measure(
    `ApplicationSchema.safeParse ×${BATCH}`,
    () => {
      for (let i = 0; i < BATCH; i++) ApplicationSchema.safeParse(raw);
    },
    opts,
  );
  const assessed = await measure(
    `assess (500 reference entities) ×${BATCH}`,
    () => {
      for (let i = 0; i < BATCH; i++) assess(app, ctx);
    },
    opts,
  );
  report.compare(`assess a full first application vs schema parse (batches of ${BATCH})`, parse, assessed);
  report.note(
    `assess per application: p50 ${(assessed.p50 / BATCH).toFixed(4)} ms (target well under 1 ms); requirements: ${assess(app, ctx).requirements.length}`,
  );
};
export default suite;
