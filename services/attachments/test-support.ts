import { crc32 } from 'node:zlib';
import type { Application } from '../../domain/model/application';
import type { apiClient } from '../core/test-support';
import type { IntakeRecord } from '../intake/intake-service';
import type { Store } from '../store';
import { scanFixtures } from '../store/attachments/fixtures';

let made = 0;

/**
 * A small real PNG (the store's fixture) with a private ancillary chunk carrying a counter, so
 * each scan has its own hash and the store keeps each as its own file.
 */
export function smallScan(n = ++made): Buffer {
  const png = scanFixtures.png;
  const iend = png.subarray(png.length - 12);
  const body = Buffer.concat([Buffer.from('prVt', 'latin1'), Buffer.from(`scan ${n}`, 'latin1')]);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length - 4);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([png.subarray(0, png.length - 12), head, body, crc, iend]);
}

type Client = Pick<ReturnType<typeof apiClient>, 'value'>;

/** Upload one scan into a slot as the renderer does: begin, chunks of the announced size, commit. */
export async function uploadScan(client: Client, applicationId: string, slot: string, bytes: Buffer = smallScan()): Promise<void> {
  const { uploadId, chunkSize } = await client.value('attachments.begin', { applicationId, slot, fileName: 'scan.png', size: bytes.length });
  for (let i = 0; i * chunkSize < bytes.length; i++) {
    await client.value('attachments.chunk', { uploadId, index: i, dataBase64: bytes.subarray(i * chunkSize, (i + 1) * chunkSize).toString('base64') });
  }
  await client.value('attachments.commit', { uploadId });
}

/**
 * The core keeps only the scans its attachments table holds (issue 12 item 4): a test form that
 * lists scans needs real ones first. Uploads, for every slot, as many scans as the form lists
 * beyond what the slot already holds, through the API as the signed-in clerk.
 */
export async function uploadScansFor(client: Client, applicationId: string, app: Pick<Application, 'documents'>): Promise<void> {
  const held = new Map<string, number>();
  for (const a of await client.value('attachments.list', { applicationId })) held.set(a.slot, (held.get(a.slot) ?? 0) + a.pages.length);
  for (const [slot, d] of Object.entries(app.documents)) {
    for (let i = held.get(slot) ?? 0; i < d.attachments.length; i++) await uploadScan(client, applicationId, slot);
  }
}

/**
 * `intake.save` of a form whose scans were put in first: uploaded through the API
 * (uploadScansFor), or, given the core's store, put straight into it (storeScansFor, for tests
 * about something else). Each scan bumps the revision, so the save goes at the record's new
 * revision. The saved form lists the real scans.
 */
export async function saveWithScans(
  client: Client,
  rec: Pick<IntakeRecord, 'id'>,
  application: Application,
  store?: Pick<Store, 'applications' | 'attachments'>,
): Promise<IntakeRecord> {
  if (store) storeScansFor(store, rec.id, application);
  else await uploadScansFor(client, rec.id, application);
  const fresh = await client.value('intake.get', { id: rec.id });
  return client.value('intake.save', { id: rec.id, expectedRevision: fresh.revision, application });
}

/**
 * As uploadScansFor, straight into the store (no upload session, no worker): for tests that take
 * in many forms, where the upload path is not what they are about. The scans are the form's
 * owner's, like an upload of theirs.
 */
export function storeScansFor(store: Pick<Store, 'applications' | 'attachments'>, applicationId: string, app: Pick<Application, 'documents'>): void {
  const actor = store.applications.get(applicationId)?.createdBy;
  if (!actor) throw new Error(`no application ${applicationId}`);
  const held = new Map<string, number>();
  for (const a of store.attachments.list(applicationId)) held.set(a.slot, (held.get(a.slot) ?? 0) + a.pages.length);
  for (const [slot, d] of Object.entries(app.documents)) {
    for (let i = held.get(slot) ?? 0; i < d.attachments.length; i++) store.attachments.put(smallScan(), { applicationId, slot, actor });
  }
}
