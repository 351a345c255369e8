import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD_PARAMS } from '../auth/test-support';
import { createAppCore, type AppCore } from '../core/app-core';
import { apiClient } from '../core/test-support';
import { ReferenceFileSchema } from '../intake/reference-file';

// The training kit (issue 16 item 7) says what each image will do at the counter: this runs
// `npm run qr:sample`, reads every PNG back with zbar (as a counter's scanner would), imports
// the kit's reference data and scans the codes in order through the API. A kit whose "valid"
// code is refused, or whose "expired" one passes, would mislead every training session.

interface SampleRow {
  file: string;
  title: string;
  give: { entityNumber: string; sighted: { type: 'hk_id' | 'mo_bir_permanent' | 'passport'; number: string } };
  check: string;
}

describe('npm run qr:sample', () => {
  let dir: string;
  let core: AppCore;
  const { value, as } = apiClient(() => core);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-qr-sample-'));
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/qr-sample.ts', join(dir, 'kit')], { stdio: 'pipe' });
    writeFileSync(
      join(dir, 'workstation.json'),
      JSON.stringify({ workstationId: 'W07', servicePoint: { code: 'SP01', nameZh: '測試服務點', namePt: 'Posto de teste' } }),
    );
    // The kit's codes are issued at the machine's time: the core runs on it too.
    core = createAppCore({ dataDir: dir, key: Buffer.alloc(32, 7), version: 'test', session: { passwordParams: TEST_PASSWORD_PARAMS } });
    core.services.reference.importFile(ReferenceFileSchema.parse(JSON.parse(readFileSync(join(dir, 'kit', 'reference-data.json'), 'utf8'))));
  }, 60_000);
  afterAll(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every image reads back and does at the counter what the kit says', async () => {
    await as('C1');
    const { samples } = JSON.parse(readFileSync(join(dir, 'kit', 'samples.json'), 'utf8')) as { samples: SampleRow[] };
    expect(samples.length).toBeGreaterThanOrEqual(12);
    const seen: string[] = [];
    for (const s of samples) {
      const qrText = execFileSync('zbarimg', ['-q', '--raw', join(dir, 'kit', s.file)], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString('utf8')
        .replace(/\n$/, '');
      const { verdict, record } = await value('securityCode.enable', {
        entityNumber: s.give.entityNumber,
        qrText: qrText.slice(0, 8000),
        sightedId: s.give.sighted,
        originalSighted: true,
        visitId: 'training',
      });
      const firstFailure = verdict.checks.find((c) => c.status === 'fail')?.id ?? 'ok';
      seen.push(`${s.file}:${firstFailure}`);
      expect(record !== undefined).toBe(s.check === 'ok');
    }
    expect(seen).toEqual(samples.map((s) => `${s.file}:${s.check}`));
    const html = readFileSync(join(dir, 'kit', 'index.html'), 'utf8');
    for (const s of samples) expect(html).toContain(`src="${s.file}"`);
  }, 60_000);
});
