// npm run qr:sample -- <out-dir> [--valid-for <seconds>]
// Issue 16 training kit: security-code QR images as a phone would show them — valid ones and
// deliberately wrong ones — with the reference data that makes them mean what they say
// (`npm run reference:import -- <out-dir>/reference-data.json`) and a page that shows them one
// by one (index.html), for testing a counter's scanner and for demonstrations. Valid codes are
// issued now and expire after --valid-for seconds (default 120, at most 300): make them again
// right before a session.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import QRCode, { type QRCodeSegment } from 'qrcode';
import type { ReferenceFile } from '../services/intake/reference-file';
import { MAX_LIFETIME_SECONDS } from '../domain/security-code/security-code-checks';
import { phoneQr } from '../domain/security-code/test-support';
import { QR_PREFIX } from '../domain/security-code/payload-codec';
import type { SecurityCodeCheckId } from '../domain/security-code/checks-vocabulary';
import type { IdDocumentType } from '../domain/model/codes';

const args = process.argv.slice(2);
const outDir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--valid-for');
const validFor = Number(args[args.indexOf('--valid-for') + 1] ?? 120);
if (!outDir || (args.includes('--valid-for') && !(Number.isInteger(validFor) && validFor > 0 && validFor <= MAX_LIFETIME_SECONDS))) {
  console.error(`usage: npm run qr:sample -- <out-dir> [--valid-for <seconds, 1–${MAX_LIFETIME_SECONDS}>]`);
  process.exit(2);
}
const lifetime = args.includes('--valid-for') ? validFor : 120;
const dir = resolve(outDir);
mkdirSync(dir, { recursive: true });

const reference: ReferenceFile = {
  entities: [
    { entityNumber: '500123', type: 'company', names: { zh: '澳門示範貿易有限公司', pt: 'Companhia de Demonstração, Limitada' }, registrationNumbers: [] },
    { entityNumber: '500777', type: 'association', names: { zh: '澳門示範協會', pt: 'Associação de Demonstração de Macau' }, registrationNumbers: [] },
  ],
  staffLogins: [
    {
      loginId: 'lee.hk',
      entityNumber: '500123',
      idType: 'hk_id',
      idNumber: 'A123456(3)',
      activated: true,
      faceRecognition: 'disabled',
      securityCode: 'disabled',
    },
    {
      loginId: 'lee.hk',
      entityNumber: '500777',
      idType: 'hk_id',
      idNumber: 'A123456(3)',
      activated: true,
      faceRecognition: 'disabled',
      securityCode: 'disabled',
    },
    { loginId: 'new.hk', entityNumber: '500123', idType: 'hk_id', idNumber: 'B234567(8)', activated: false, faceRecognition: 'disabled' },
    {
      loginId: 'on.pp',
      entityNumber: '500123',
      idType: 'passport',
      idNumber: 'P1234567',
      activated: true,
      faceRecognition: 'disabled',
      securityCode: 'enabled',
    },
    { loginId: 'chan.mo', entityNumber: '500123', idType: 'mo_bir_permanent', idNumber: '1234567(8)', activated: true, faceRecognition: 'disabled' },
  ],
  workstationKeys: [],
};

interface Sample {
  file: string;
  title: string;
  /** What the clerk types and sees at the counter for this sample. */
  give: { entityNumber: string; id: string; sighted: { type: IdDocumentType; number: string } };
  expect: string;
  /** The first check that fails at the counter ('ok' when none does); 'replay' only after 01 was enabled. */
  check: SecurityCodeCheckId | 'ok';
  segments: string | QRCodeSegment[];
}

const now = new Date();
const code = (entityNumber: string, staffLoginId: string, extra: Partial<Parameters<typeof phoneQr>[0]> = {}) =>
  phoneQr({ entityNumber, staffLoginId, issuedAt: now, lifetime, ...extra }).then((r) => r.text);
const HK = { id: 'HK ID A123456(3), original', sighted: { type: 'hk_id', number: 'A123456(3)' } } as const;
const person = (type: IdDocumentType, number: string, label: string) => ({ id: `${label} ${number}, original`, sighted: { type, number } });

const valid = await code('500123', 'lee.hk');
const samples: Sample[] = [
  {
    file: '01-valid.png',
    title: 'Valid',
    give: { entityNumber: '500123', ...HK },
    expect: 'every check passes; enable → queued',
    check: 'ok',
    segments: valid,
  },
  {
    file: '02-valid-second-entity.png',
    title: 'Valid, second entity of the same person (FAQ 19)',
    give: { entityNumber: '500777', ...HK },
    expect: 'every check passes',
    check: 'ok',
    segments: await code('500777', 'lee.hk'),
  },
  {
    file: '03-replayed.png',
    title: 'Replayed (the same code as 01)',
    give: { entityNumber: '500123', ...HK },
    expect: 'after 01 was enabled: refused, used before (new code)',
    check: 'replay',
    segments: valid,
  },
  {
    file: '04-expired.png',
    title: 'Expired',
    give: { entityNumber: '500123', ...HK },
    expect: 'refused: expired (new code)',
    check: 'expiry',
    segments: await code('500123', 'lee.hk', { issuedAt: new Date(now.getTime() - 600_000) }),
  },
  {
    file: '05-wrong-entity.png',
    title: 'Wrong entity: the person gives 500123 but shows the code of 500777',
    give: { entityNumber: '500123', ...HK },
    expect: 'refused: entity number differs',
    check: 'entity_number',
    segments: await code('500777', 'lee.hk'),
  },
  {
    file: '06-bad-signature.png',
    title: 'Bad signature (signed by another key)',
    give: { entityNumber: '500123', ...HK },
    expect: 'refused: signature not valid',
    check: 'signature',
    segments: await code('500123', 'lee.hk', { forge: 'other_key' }),
  },
  {
    file: '07-macau-id.png',
    title: 'Login registered with a Macau ID (FAQ 18)',
    give: { entityNumber: '500123', ...person('mo_bir_permanent', '1234567(8)', 'BIR') },
    expect: 'refused: use face recognition',
    check: 'non_macau_id',
    segments: await code('500123', 'chan.mo'),
  },
  {
    file: '08-not-activated.png',
    title: 'Login not activated',
    give: { entityNumber: '500123', ...person('hk_id', 'B234567(8)', 'HK ID') },
    expect: 'refused: not activated',
    check: 'activated',
    segments: await code('500123', 'new.hk'),
  },
  {
    file: '09-already-on.png',
    title: 'Security code already on',
    give: { entityNumber: '500123', ...person('passport', 'P1234567', 'Passport') },
    expect: 'refused: already enabled',
    check: 'not_already_on',
    segments: await code('500123', 'on.pp'),
  },
  {
    file: '10-garbage.png',
    title: 'Not a security code (a web address)',
    give: { entityNumber: '500123', ...HK },
    expect: 'refused: not a security-code QR',
    check: 'format',
    segments: 'https://www.gov.mo/zh-hant/',
  },
  {
    file: '11-oversized.png',
    title: 'Oversized (1,500 digits behind our prefix)',
    give: { entityNumber: '500123', ...HK },
    expect: 'refused: too long',
    check: 'format',
    segments: QR_PREFIX + '1'.repeat(1496),
  },
  {
    file: '12-non-utf8.png',
    title: 'Not UTF-8 (raw bytes)',
    give: { entityNumber: '500123', ...HK },
    expect: 'refused: not a security-code QR',
    check: 'format',
    segments: [{ mode: 'byte', data: Uint8Array.of(0x38, 0x35, 0x33, 0x30, 0xff, 0xfe, 0xc3, 0x28, 0x80, 0x81) }],
  },
];

const rows: (Omit<Sample, 'segments'> & { qrVersion: number; text: string })[] = [];
for (const s of samples) {
  const png = await QRCode.toBuffer(s.segments, { errorCorrectionLevel: 'M', margin: 4, scale: 8, type: 'png' });
  writeFileSync(join(dir, s.file), png);
  const qrVersion = QRCode.create(s.segments, { errorCorrectionLevel: 'M' }).version;
  const text = typeof s.segments === 'string' ? s.segments : '(raw bytes)';
  rows.push({ file: s.file, title: s.title, give: s.give, expect: s.expect, check: s.check, qrVersion, text });
  console.log(`${join(dir, s.file)}  QR version ${qrVersion}  ${text.length} chars  — ${s.title}`);
}

writeFileSync(join(dir, 'reference-data.json'), JSON.stringify(reference, null, 2));
writeFileSync(join(dir, 'samples.json'), JSON.stringify({ issuedAt: now.toISOString(), validForSeconds: lifetime, samples: rows }, null, 2));

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
const slides = rows
  .map(
    (r, i) => `<section class="slide" id="s${i}" ${i === 0 ? '' : 'hidden'} aria-labelledby="t${i}">
  <h2 id="t${i}">${i + 1} / ${rows.length} · ${esc(r.title)}</h2>
  <div class="phone"><img src="${esc(r.file)}" alt="QR code: ${esc(r.title)}"></div>
  <dl><dt>Entity number to give</dt><dd>${esc(r.give.entityNumber)}</dd><dt>ID document to show</dt><dd>${esc(r.give.id)}</dd><dt>Expected</dt><dd>${esc(r.expect)}</dd><dt>QR version</dt><dd>${r.qrVersion}</dd></dl>
</section>`,
  )
  .join('\n');
writeFileSync(
  join(dir, 'index.html'),
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Security-code QR samples (issue 16)</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#222;color:#eee}
main{display:flex;flex-direction:column;align-items:center;padding:1rem}
.phone{background:#fff;border-radius:2rem;padding:1.5rem;border:10px solid #000}
.phone img{display:block;width:min(70vh,80vw);image-rendering:pixelated}
dl{display:grid;grid-template-columns:auto auto;gap:.2rem 1rem}dt{color:#aaa}
button{font-size:1.2rem;margin:.5rem}
</style></head>
<body><main>
<h1>Security-code QR samples</h1>
<p>Issued ${esc(now.toISOString())}; valid codes expire ${lifetime} s later. Import <code>reference-data.json</code> first. ← → or the buttons move between codes.</p>
${slides}
<div><button id="prev" type="button">← Previous</button><button id="next" type="button">Next →</button></div>
</main>
<script>
const slides=[...document.querySelectorAll('.slide')];let at=0;
const show=(i)=>{at=(i+slides.length)%slides.length;slides.forEach((s,j)=>{s.hidden=j!==at});};
document.getElementById('prev').onclick=()=>show(at-1);document.getElementById('next').onclick=()=>show(at+1);
addEventListener('keydown',(e)=>{if(e.key==='ArrowRight')show(at+1);if(e.key==='ArrowLeft')show(at-1);});
</script></body></html>
`,
);
console.log(`${join(dir, 'index.html')}  (${rows.length} codes; reference data: ${join(dir, 'reference-data.json')})`);
