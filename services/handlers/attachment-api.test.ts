import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import { searchTerms } from '../../domain/search-terms';
import type { AttachmentView } from '../../api/contracts/attachment-contract';
import { TEST_PASSWORD_PARAMS } from '../auth/test-support';
import { createAppCore, type AppCore } from '../core/app-core';
import { apiClient } from '../core/test-support';
import { scanFixtures as f } from '../store/attachments/fixtures';
import { tiffStripBomb } from '../store/attachments/hostile-scans';
import { createAttachmentHandlers } from './attachment-handlers';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A valid PNG of about `bytes` bytes: the fixture with a private ancillary chunk before IEND. */
function bigPng(bytes: number): Buffer {
  const iend = f.png.subarray(f.png.length - 12);
  const body = Buffer.concat([Buffer.from('prVt', 'latin1'), Buffer.alloc(bytes, 0x5a)]);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(bytes);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([f.png.subarray(0, f.png.length - 12), head, body, crc, iend]);
}

const SLOT = 'paper.application_form';

describe('scans through the API', () => {
  let dir: string;
  let scannerDir: string;
  let core: AppCore;
  const { call, value, raw, as } = apiClient(() => core);
  const takeIn = (clerk: string) => {
    const app = sampleFirstApplication();
    app.documents = {};
    return core.store.applications.createDraft({ kind: app.kind, data: app, search: searchTerms(app), actor: `staff:${clerk}` }).id;
  };
  const documents = (id: string) =>
    (core.store.applications.get(id)?.data as { documents: Record<string, { sighting: string; attachments: string[] }> }).documents;
  const revision = (id: string) => core.store.applications.get(id)?.revision;
  /** What the renderer does: begin, chunks of the announced size in order, commit. */
  const upload = async (applicationId: string, bytes: Buffer, extra: { slot?: string; attachmentId?: string; fileName?: string } = {}) => {
    const begun = await call('attachments.begin', {
      applicationId,
      slot: extra.slot ?? SLOT,
      fileName: extra.fileName ?? 'scan.png',
      size: bytes.length,
      ...(extra.attachmentId ? { attachmentId: extra.attachmentId } : {}),
    });
    if (!begun.ok) return begun;
    const { uploadId, chunkSize } = begun.value;
    for (let i = 0; i * chunkSize < bytes.length; i++) {
      const r = await call('attachments.chunk', { uploadId, index: i, dataBase64: bytes.subarray(i * chunkSize, (i + 1) * chunkSize).toString('base64') });
      if (!r.ok) return r;
    }
    return call('attachments.commit', { uploadId });
  };
  const start = (scannerFolder?: string) => {
    core = createAppCore({
      dataDir: dir,
      key: Buffer.alloc(32, 7),
      version: 'test',
      session: { passwordParams: TEST_PASSWORD_PARAMS },
      ...(scannerFolder ? { scannerFolder } : {}),
    });
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-scans-'));
    scannerDir = join(dir, 'scanner');
    writeFileSync(
      join(dir, 'workstation.json'),
      JSON.stringify({ workstationId: 'W07', servicePoint: { code: 'SP01', nameZh: '測試服務點', namePt: 'Posto de teste' } }),
    );
    start();
  });
  afterEach(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a 1.3 MB scan sent in chunks is stored, listed and named in the form in the same step, which bumps the revision', async () => {
    await as('C1');
    const id = takeIn('C1');
    const before = revision(id) as number;
    const png = bigPng(1_300_000);
    const r = await upload(id, png);
    expect(r.ok).toBe(true);
    const view = (r as { value: AttachmentView }).value;
    expect(view).toMatchObject({ slot: SLOT, size: png.length, pages: [{ position: 0, mime: 'image/png', rotation: 0 }] });
    expect(await value('attachments.list', { applicationId: id })).toEqual([view]);
    expect(documents(id)[SLOT]).toEqual({ sighting: 'none', attachments: [sha(png)] });
    expect(revision(id)).toBe(before + 1);
    expect(core.store.attachments.read(view.id).equals(png)).toBe(true);
    expect(core.store.audit.forSubject(id).map((e) => e.action)).toContain('attach');
    // The autosave still holding the old revision is refused rather than dropping the scan.
    expect(() =>
      core.store.applications.saveDraft(id, { data: {}, search: searchTerms(sampleFirstApplication()), actor: 'staff:C1', expectedRevision: before }),
    ).toThrow(expect.objectContaining({ code: 'conflict' }));
  });

  it.each([
    ['a text file renamed .pdf', Buffer.from('Dear clerk,\nthis is not a scan.\n'), 'notes.pdf', 'attachments.error.unsupportedType'],
    ['a truncated PNG', f.png.subarray(0, f.png.length - 20), 'scan.png', 'attachments.error.corrupt'],
    ['a PDF cut before %%EOF', f.pdf.subarray(0, f.pdf.length - 10), 'scan.pdf', 'attachments.error.corrupt'],
    ['a truncated JPEG', f.jpeg.subarray(0, 600), 'photo.jpg', 'attachments.error.corrupt'],
  ])('refuses %s with a message the clerk understands; the form and the table are unchanged', async (_l, bytes, fileName, messageKey) => {
    await as('C1');
    const id = takeIn('C1');
    const before = revision(id);
    const r = await upload(id, bytes, { fileName });
    expect(r).toMatchObject({ ok: false, error: { code: 'refused', messageKey } });
    expect(await value('attachments.list', { applicationId: id })).toEqual([]);
    expect(documents(id)[SLOT]).toBeUndefined();
    expect(revision(id)).toBe(before);
  });

  it("a hostile file is checked off the core's thread: a cheap call sent while it is checked answers first, then the file is refused", async () => {
    await as('C1');
    const id = takeIn('C1');
    const bomb = tiffStripBomb();
    const { uploadId, chunkSize } = await value('attachments.begin', { applicationId: id, slot: SLOT, fileName: 'bomb.tif', size: bomb.length });
    for (let i = 0; i * chunkSize < bomb.length; i++) {
      await value('attachments.chunk', { uploadId, index: i, dataBase64: bomb.subarray(i * chunkSize, (i + 1) * chunkSize).toString('base64') });
    }
    const answered: string[] = [];
    const commit = call('attachments.commit', { uploadId }).then((r) => (answered.push('commit'), r));
    // The cheap call goes in at the next turn of the event loop: a check on the core's thread
    // would have run to its end (and answered) before that turn comes.
    const list = new Promise((resolve) => setImmediate(resolve))
      .then(() => call('attachments.list', { applicationId: id }))
      .then((r) => (answered.push('list'), r));
    const [committed, listed] = await Promise.all([commit, list]);
    expect(answered).toEqual(['list', 'commit']);
    expect(listed).toEqual({ ok: true, value: [] });
    expect(committed).toMatchObject({ ok: false, error: { code: 'refused', messageKey: 'hardening.scan.tooComplex' } });
    expect(await value('attachments.list', { applicationId: id })).toEqual([]);
  });

  it('a file whose check outlasts the timeout is refused as too slow to check, and nothing is stored', async () => {
    await as('C1');
    const id = takeIn('C1');
    const handlers = createAttachmentHandlers(core, core.services, { inspectTimeoutMs: 1 });
    const ctx = { transport: 'http' } as const;
    const { uploadId } = await handlers['attachments.begin']({ applicationId: id, slot: SLOT, fileName: 'scan.png', size: f.png.length }, ctx);
    await handlers['attachments.chunk']({ uploadId, index: 0, dataBase64: f.png.toString('base64') }, ctx);
    await expect(handlers['attachments.commit']({ uploadId }, ctx)).rejects.toMatchObject({ messageKey: 'hardening.scan.checkTimedOut' });
    expect(core.store.attachments.list(id)).toEqual([]);
    expect(documents(id)[SLOT]).toBeUndefined();
  });

  it('refuses a file over the limit before any byte is sent, naming the limit; a lowered limit applies at commit too', async () => {
    await as('C1');
    const id = takeIn('C1');
    expect(await call('attachments.begin', { applicationId: id, slot: SLOT, fileName: 'huge.pdf', size: 20 * 1024 * 1024 + 1 })).toMatchObject({
      ok: false,
      error: { code: 'refused', messageKey: 'attachments.error.tooLarge', params: { maxMb: 20 } },
    });
    core.store.settings.set('attachments.maxBytes', 1024 * 1024, 'admin');
    expect(await upload(id, bigPng(1_100_000))).toMatchObject({ ok: false, error: { messageKey: 'attachments.error.tooLarge', params: { maxMb: 1 } } });
  });

  it('another clerk can neither see nor change the scans of an application they did not take in', async () => {
    await as('C1');
    const id = takeIn('C1');
    const view = (await upload(id, f.png)) as { ok: true; value: AttachmentView };
    await as('C2');
    const page = view.value.pages[0]?.id;
    for (const [method, input] of [
      ['attachments.begin', { applicationId: id, slot: SLOT, fileName: 'x.png', size: 10 }],
      ['attachments.list', { applicationId: id }],
      ['attachments.thumbnail', { attachmentId: view.value.id, page: 0 }],
      ['attachments.rotate', { attachmentId: view.value.id, pageId: page, rotation: 90 }],
      ['attachments.removePage', { attachmentId: view.value.id, pageId: page }],
      ['attachments.remove', { attachmentId: view.value.id, applicationId: id, slot: SLOT }],
    ] as const) {
      expect(await raw(method, input), method).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect(core.store.attachments.list(id)).toHaveLength(1);
  });

  it('an upload begun by one clerk cannot be continued or committed by the next', async () => {
    await as('C1');
    const id = takeIn('C1');
    const { uploadId } = await value('attachments.begin', { applicationId: id, slot: SLOT, fileName: 'a.png', size: f.png.length });
    await as('C2');
    expect(await call('attachments.chunk', { uploadId, index: 0, dataBase64: f.png.toString('base64') })).toMatchObject({
      ok: false,
      error: { code: 'not_found', messageKey: 'attachments.error.uploadExpired' },
    });
    expect(await call('attachments.commit', { uploadId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a chunk out of order or a commit short of the announced size is refused as a broken upload', async () => {
    await as('C1');
    const id = takeIn('C1');
    const a = await value('attachments.begin', { applicationId: id, slot: SLOT, fileName: 'a.png', size: f.png.length });
    expect(await call('attachments.chunk', { uploadId: a.uploadId, index: 1, dataBase64: 'AAAA' })).toMatchObject({
      ok: false,
      error: { messageKey: 'attachments.error.uploadBroken' },
    });
    await value('attachments.chunk', { uploadId: a.uploadId, index: 0, dataBase64: f.png.subarray(0, 10).toString('base64') });
    expect(await call('attachments.commit', { uploadId: a.uploadId })).toMatchObject({ ok: false, error: { messageKey: 'attachments.error.uploadBroken' } });
    expect(await call('attachments.commit', { uploadId: a.uploadId })).toMatchObject({ ok: false, error: { messageKey: 'attachments.error.uploadExpired' } });
  });

  it('after submission scans are read-only (still listed); returned for correction they can change again', async () => {
    await as('C1');
    const id = takeIn('C1');
    const { value: view } = (await upload(id, f.png)) as { ok: true; value: AttachmentView };
    const pageId = view.pages[0]?.id as string;
    core.store.applications.setStatus(id, { status: 'pending_approval', actor: 'staff:C1', applicationNumber: 'SP01-W07-20261123-0001-X' });
    for (const [method, input] of [
      ['attachments.begin', { applicationId: id, slot: SLOT, fileName: 'x.png', size: 10 }],
      ['attachments.rotate', { attachmentId: view.id, pageId, rotation: 90 }],
      ['attachments.reorder', { attachmentId: view.id, pageIds: [pageId] }],
      ['attachments.removePage', { attachmentId: view.id, pageId }],
      ['attachments.remove', { attachmentId: view.id, applicationId: id, slot: SLOT }],
    ] as const) {
      expect(await raw(method, input), method).toMatchObject({ ok: false, error: { code: 'refused', messageKey: 'attachments.error.readOnly' } });
    }
    expect(await value('attachments.list', { applicationId: id })).toHaveLength(1);
    core.store.applications.setStatus(id, { status: 'returned', actor: 'staff:S1', reason: 'rescan' });
    expect(await value('attachments.rotate', { attachmentId: view.id, pageId, rotation: 90 })).toMatchObject({ pages: [{ rotation: 90 }] });
  });

  it("pages added, reordered, rotated and removed keep the form's hash list in page order", async () => {
    await as('C1');
    const id = takeIn('C1');
    const first = ((await upload(id, f.png)) as { ok: true; value: AttachmentView }).value;
    const two = ((await upload(id, f.jpeg, { attachmentId: first.id })) as { ok: true; value: AttachmentView }).value;
    expect(two.id).toBe(first.id);
    expect(two.pages.map((p) => p.mime)).toEqual(['image/png', 'image/jpeg']);
    expect(documents(id)[SLOT]?.attachments).toEqual([sha(f.png), sha(f.jpeg)]);
    const [p0, p1] = two.pages.map((p) => p.id) as [string, string];

    const reordered = await value('attachments.reorder', { attachmentId: first.id, pageIds: [p1, p0] });
    expect(reordered.pages.map((p) => p.id)).toEqual([p1, p0]);
    expect(documents(id)[SLOT]?.attachments).toEqual([sha(f.jpeg), sha(f.png)]);

    const r = revision(id) as number;
    const rotated = await value('attachments.rotate', { attachmentId: first.id, pageId: p0, rotation: 270 });
    expect(rotated.pages.find((p) => p.id === p0)?.rotation).toBe(270);
    expect(revision(id)).toBe(r + 1);

    expect(await value('attachments.removePage', { attachmentId: first.id, pageId: p1 })).toMatchObject([{ id: first.id, pages: [{ id: p0 }] }]);
    expect(documents(id)[SLOT]?.attachments).toEqual([sha(f.png)]);

    // Another scan in another slot is not touched by removing this one.
    await upload(id, f.pdf, { slot: 'paper.agreement', fileName: 'agreement.pdf' });
    expect(await value('attachments.remove', { attachmentId: first.id, applicationId: id, slot: SLOT })).toEqual([]);
    expect(documents(id)[SLOT]?.attachments).toEqual([]);
    expect(documents(id)['paper.agreement']?.attachments).toEqual([sha(f.pdf)]);
    expect(core.store.attachments.list(id).map((a) => a.slot)).toEqual(['paper.agreement']);
  });

  it('a remove naming the wrong slot (a stale screen) is refused and removes nothing', async () => {
    await as('C1');
    const id = takeIn('C1');
    const a = ((await upload(id, f.png)) as { ok: true; value: AttachmentView }).value;
    expect(await call('attachments.remove', { attachmentId: a.id, applicationId: id, slot: 'paper.agreement' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(documents(id)[SLOT]?.attachments).toEqual([sha(f.png)]);
  });

  it('a slot takes at most 20 pages, as the form records them', async () => {
    await as('C1');
    const id = takeIn('C1');
    for (let i = 0; i < 20; i++) core.store.attachments.put(f.png, { applicationId: id, slot: SLOT, actor: 'staff:C1' });
    expect(await upload(id, f.jpeg)).toMatchObject({ ok: false, error: { messageKey: 'attachments.error.tooManyPages', params: { max: 20 } } });
  });

  it('previews image pages with their rotation; a PDF page has none', async () => {
    await as('C1');
    const id = takeIn('C1');
    const png = ((await upload(id, f.png)) as { ok: true; value: AttachmentView }).value;
    await value('attachments.rotate', { attachmentId: png.id, pageId: png.pages[0]?.id ?? '', rotation: 180 });
    const thumb = await value('attachments.thumbnail', { attachmentId: png.id, page: 0 });
    expect(thumb.mime).toBe('image/png');
    expect(thumb.rotation).toBe(180);
    expect(Buffer.from(thumb.dataBase64, 'base64').equals(f.png)).toBe(true);
    const pdf = ((await upload(id, f.pdf, { fileName: 'a.pdf' })) as { ok: true; value: AttachmentView }).value;
    expect(await call('attachments.thumbnail', { attachmentId: pdf.id, page: 0 })).toMatchObject({
      ok: false,
      error: { messageKey: 'attachments.error.noPreview' },
    });
    expect(await call('attachments.thumbnail', { attachmentId: pdf.id, page: 3 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it.each([
    ['a chunk larger than the chunk size', 'attachments.chunk', { uploadId: 'u1', index: 0, dataBase64: 'A'.repeat(800_000) }],
    ['a chunk that is not base64', 'attachments.chunk', { uploadId: 'u1', index: 0, dataBase64: '<script>' }],
    ['a rotation of 45°', 'attachments.rotate', { attachmentId: 'a', pageId: 'p', rotation: 45 }],
    ['a slot with a path in it', 'attachments.begin', { applicationId: 'a', slot: '../x', fileName: 'a.png', size: 1 }],
    ['a 300-character file name', 'attachments.begin', { applicationId: 'a', slot: SLOT, fileName: 'x'.repeat(300), size: 1 }],
    ['an empty file', 'attachments.begin', { applicationId: 'a', slot: SLOT, fileName: 'a.png', size: 0 }],
    ['an unknown field', 'scanner.assign', { itemId: 'i', applicationId: 'a', slot: SLOT, path: '/etc/passwd' }],
  ])('refuses %s at the boundary', async (_l, method, input) => {
    await as('C1');
    expect(await raw(method, input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  describe('scanner folder', () => {
    const trayItems = async (want: number) => {
      // The tray offers a file once it has stopped growing (1.5 s): poll like the UI does.
      for (let i = 0; i < 40; i++) {
        const t = await value('scanner.tray');
        if (t.items.length >= want) return t;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('tray did not fill');
    };

    it('says when no folder is configured', async () => {
      await as('C1');
      expect(await value('scanner.tray')).toEqual({ configured: false, items: [] });
      expect(await call('scanner.assign', { itemId: 'abc', applicationId: 'x', slot: SLOT })).toMatchObject({
        ok: false,
        error: { messageKey: 'attachments.error.notConfigured' },
      });
    });

    it('lists new files with their type or problem; assigning one stores it in the slot and deletes the plain file', async () => {
      core.close();
      start(scannerDir);
      await as('C1');
      const id = takeIn('C1');
      writeFileSync(join(scannerDir, 'SCAN0001.png'), f.png);
      writeFileSync(join(scannerDir, 'SCAN0002.pdf'), f.pdf.subarray(0, f.pdf.length - 10));
      writeFileSync(join(scannerDir, 'notes.pdf'), 'not a scan');
      writeFileSync(join(scannerDir, 'SCAN0003.pdf.part'), 'still being written');
      const tray = await trayItems(3);
      expect(tray.configured).toBe(true);
      const byName = Object.fromEntries(tray.items.map((i) => [i.fileName, i]));
      expect(Object.keys(byName).sort()).toEqual(['SCAN0001.png', 'SCAN0002.pdf', 'notes.pdf']);
      expect(byName['SCAN0001.png']).toMatchObject({ mime: 'image/png' });
      expect(byName['SCAN0001.png']?.problem).toBeUndefined();
      expect(byName['SCAN0002.pdf']).toMatchObject({ mime: null, problem: 'attachments.error.corrupt' });
      expect(byName['notes.pdf']).toMatchObject({ mime: null, problem: 'attachments.error.unsupportedType' });

      const view = await value('scanner.assign', { itemId: byName['SCAN0001.png']?.id ?? '', applicationId: id, slot: SLOT });
      expect(view.pages).toMatchObject([{ mime: 'image/png' }]);
      expect(documents(id)[SLOT]?.attachments).toEqual([sha(f.png)]);
      expect(existsSync(join(scannerDir, 'SCAN0001.png'))).toBe(false);
      // The encrypted copy is in the store; no plain copy of the scan stays on disk.
      expect(readdirSync(scannerDir).filter((f) => /SCAN0001/.test(f))).toEqual([]);
      expect(existsSync(join(scannerDir, 'assigned'))).toBe(false);
      expect((await value('scanner.tray')).items.map((i) => i.fileName)).not.toContain('SCAN0001.png');

      // A corrupt file is refused and stays in the folder for the clerk to rescan.
      expect(await call('scanner.assign', { itemId: byName['SCAN0002.pdf']?.id ?? '', applicationId: id, slot: SLOT })).toMatchObject({
        ok: false,
        error: { messageKey: 'attachments.error.corrupt' },
      });
      expect(existsSync(join(scannerDir, 'SCAN0002.pdf'))).toBe(true);
      expect(await call('scanner.assign', { itemId: 'ffffffffffffffffffffffff', applicationId: id, slot: SLOT })).toMatchObject({
        ok: false,
        error: { messageKey: 'attachments.error.trayItemGone' },
      });
    });
  });
});
