import { randomUUID } from 'node:crypto';
import type { Db } from '../database';
import type { AuditLog } from '../audit-log';
import type { Outbox } from '../outbox';
import { StoreError } from '../errors';
import { sniffScan, type ScanMime } from './sniff';
import { refusalMessageKey, ScanRefusedError } from './scan-refusal';
import { blobFileName, decryptBlob, encryptBlob, newFileKey, sha256Hex, unwrapFileKey, wrapFileKey } from './blob-crypto';
import type { BlobFiles } from './blob-files';

export type Rotation = 0 | 90 | 180 | 270;

export interface AttachmentPage {
  id: string;
  position: number;
  sha256: string;
  mime: ScanMime;
  size: number;
  rotation: Rotation;
  /** The file was removed by retention (or never reached this workstation); the hash remains. */
  purged: boolean;
}

export interface Attachment {
  id: string;
  applicationId: string;
  slot: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  pages: AttachmentPage[];
}

export interface PutInput {
  applicationId: string;
  /** Which document this is on the checklist (e.g. 'br_certificate', 'admin_id'). */
  slot: string;
  actor: string;
  /** Add the scan as the next page of this attachment instead of starting a new one. */
  attachmentId?: string;
}

/**
 * The result of checking these very bytes off the core's thread (inspect-off-thread.ts): put
 * then does not check them again on the core's thread. Tied to the buffer by identity, so a
 * check of other bytes is never taken for this one.
 */
export interface CheckedScan {
  bytes: Buffer;
  mime: ScanMime;
}

export interface Kek {
  id: string;
  key: Buffer;
}

interface BlobRow {
  sha256: string;
  file_name: string;
  mime: string;
  size: number;
  wrapped_key: Buffer;
  kek_id: string;
  stored_at: string;
  purged_at: string | null;
}

interface AttRow {
  id: string;
  application_id: string;
  slot: string;
  created_at: string;
  created_by: string;
  updated_at: string;
}

interface PageRow {
  id: string;
  position: number;
  blob_sha256: string;
  rotation: number;
  mime: string;
  size: number;
  purged_at: string | null;
}

export interface AttachmentsDeps {
  now: () => string;
  audit: AuditLog;
  outbox: Outbox;
  files: BlobFiles;
  /** The KEK new file keys are wrapped with; `others` may unwrap keys left by an unfinished rotation. */
  kek: Kek;
  otherKeks?: Kek[];
  nameSalt: Buffer;
  maxBytes: () => number;
}

const MB = 1024 * 1024;
const mbText = (n: number) => (n / MB).toFixed(1);
/** The size as shown next to the limit: never the same text as the limit it exceeds. */
const sizeText = (n: number, max: number) => (mbText(n) === mbText(max) ? (n / MB).toFixed(3) : mbText(n));

export function createAttachments(db: Db, deps: AttachmentsDeps) {
  const { files, audit, outbox, now } = deps;
  const s = {
    app: db.prepare<[string], { id: string }>('SELECT id FROM applications WHERE id = ?'),
    blob: db.prepare<[string], BlobRow>('SELECT * FROM blobs WHERE sha256 = ?'),
    insertBlob: db.prepare(
      `INSERT INTO blobs (sha256, file_name, mime, size, wrapped_key, kek_id, stored_at) VALUES (@sha256, @file_name, @mime, @size, @wrapped_key, @kek_id, @stored_at)
       ON CONFLICT (sha256) DO UPDATE SET wrapped_key = excluded.wrapped_key, kek_id = excluded.kek_id, stored_at = excluded.stored_at, purged_at = NULL`,
    ),
    att: db.prepare<[string], AttRow>('SELECT * FROM attachments WHERE id = ? AND removed_at IS NULL'),
    attsFor: db.prepare<[string], AttRow>('SELECT * FROM attachments WHERE application_id = ? AND removed_at IS NULL ORDER BY created_at, id'),
    insertAtt: db.prepare('INSERT INTO attachments (id, application_id, slot, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)'),
    touchAtt: db.prepare('UPDATE attachments SET updated_at = ? WHERE id = ?'),
    deleteAtt: db.prepare('DELETE FROM attachments WHERE id = ?'),
    pages: db.prepare<[string], PageRow>(
      `SELECT p.id, p.position, p.blob_sha256, p.rotation, b.mime, b.size, b.purged_at FROM attachment_pages p JOIN blobs b ON b.sha256 = p.blob_sha256
       WHERE p.attachment_id = ? ORDER BY p.position`,
    ),
    maxPos: db.prepare<[string], { m: number | null }>('SELECT max(position) AS m FROM attachment_pages WHERE attachment_id = ?'),
    insertPage: db.prepare('INSERT INTO attachment_pages (id, attachment_id, position, blob_sha256) VALUES (?, ?, ?, ?)'),
    setPos: db.prepare('UPDATE attachment_pages SET position = ? WHERE id = ?'),
    setRot: db.prepare('UPDATE attachment_pages SET rotation = ? WHERE id = ? AND attachment_id = ?'),
    deletePage: db.prepare('DELETE FROM attachment_pages WHERE id = ? AND attachment_id = ?'),
    refs: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM attachment_pages WHERE blob_sha256 = ?'),
    markPurged: db.prepare('UPDATE blobs SET purged_at = ? WHERE sha256 = ?'),
    liveNames: db.prepare<[], { file_name: string }>('SELECT file_name FROM blobs WHERE purged_at IS NULL'),
  };

  const kekFor = (id: string): Buffer => {
    if (id === deps.kek.id) return deps.kek.key;
    const other = deps.otherKeks?.find((k) => k.id === id);
    if (other) return other.key;
    throw new StoreError('wrong_key', `scan key was wrapped with key ${id}, which this workstation does not hold`);
  };

  const loadAtt = (id: string): AttRow => {
    const row = s.att.get(id);
    if (!row) throw new StoreError('not_found', `attachment ${id} not found`);
    return row;
  };

  const toAttachment = (a: AttRow): Attachment => ({
    id: a.id,
    applicationId: a.application_id,
    slot: a.slot,
    createdAt: a.created_at,
    createdBy: a.created_by,
    updatedAt: a.updated_at,
    pages: s.pages.all(a.id).map((p) => ({
      id: p.id,
      position: p.position,
      sha256: p.blob_sha256,
      mime: p.mime as ScanMime,
      size: p.size,
      rotation: p.rotation as Rotation,
      purged: p.purged_at !== null,
    })),
  });

  const renumber = (attachmentId: string, ids: string[]) => {
    // Two passes so the UNIQUE (attachment_id, position) never sees a duplicate midway.
    ids.forEach((id, i) => s.setPos.run(-1 - i, id));
    ids.forEach((id, i) => s.setPos.run(i, id));
    s.touchAtt.run(now(), attachmentId);
  };

  /** Blobs no page points to any more: their files go (the hash row stays for the record). */
  const releaseBlobs = (shas: string[]): { sha: string; name: string }[] => {
    const released: { sha: string; name: string }[] = [];
    for (const sha of shas) {
      if ((s.refs.get(sha)?.n ?? 0) > 0) continue;
      const b = s.blob.get(sha);
      if (!b || b.purged_at !== null) continue;
      s.markPurged.run(now(), sha);
      released.push({ sha, name: b.file_name });
    }
    return released;
  };

  /**
   * Files whose rows a transaction released. When that transaction is nested in a caller's (the
   * scans panel wraps the form and the rows in one), the outer one may still roll back and bring
   * the rows back: deleting at once left a row pointing at a deleted file after a crash (issue 12,
   * item 11). So a nested release is deleted after the outermost transaction ends, and only if its
   * row still says released; a crash before that leaves an orphan file, swept at the next start.
   */
  let pendingDeletes: { sha: string; name: string }[] = [];
  let flushScheduled = false;
  const flushDeletes = () => {
    flushScheduled = false;
    if (!db.open) return;
    if (db.inTransaction) return scheduleFlush(true);
    const due = pendingDeletes;
    pendingDeletes = [];
    for (const { sha, name } of due) {
      const b = s.blob.get(sha);
      if (b && b.purged_at !== null && b.file_name === name) files.remove(name);
    }
  };
  const scheduleFlush = (later = false) => {
    if (flushScheduled) return;
    flushScheduled = true;
    // A microtask runs once the caller's synchronous transaction has returned; setImmediate
    // waits out a transaction somebody holds open across an await.
    if (later) setImmediate(flushDeletes);
    else queueMicrotask(flushDeletes);
  };
  const deleteReleased = (released: { sha: string; name: string }[]) => {
    if (!db.inTransaction) {
      for (const r of released) files.remove(r.name);
      return;
    }
    pendingDeletes.push(...released);
    scheduleFlush();
  };

  const sealedBlob = (sha: string) => {
    const b = s.blob.get(sha);
    if (!b) throw new StoreError('not_found', `scan ${sha.slice(0, 12)} not found`);
    if (b.purged_at !== null) throw new StoreError('not_found', `scan ${sha.slice(0, 12)} was purged from this workstation`);
    return { name: b.file_name, fileKey: unwrapFileKey(kekFor(b.kek_id), b.wrapped_key, sha) };
  };
  const readBlob = (sha: string): Buffer => {
    const { name, fileKey } = sealedBlob(sha);
    return decryptBlob(fileKey, files.read(name), sha);
  };

  return {
    /** Validate, encrypt and store a scan, then record it (new attachment or next page). */
    put(bytes: Buffer, input: PutInput, checked?: CheckedScan): Attachment {
      const max = deps.maxBytes();
      if (bytes.length > max) {
        throw new StoreError('too_large', `scan is ${bytes.length} bytes; the limit is ${max}`, { size: sizeText(bytes.length, max), limit: mbText(max) });
      }
      const sniff = checked && checked.bytes === bytes ? { ok: true as const, mime: checked.mime } : sniffScan(bytes);
      if (!sniff.ok) {
        const key = refusalMessageKey(sniff.reason);
        if (key) throw new ScanRefusedError(sniff.reason, `scan refused: ${sniff.detail}`, key, sniff.params);
        throw new StoreError(sniff.reason === 'corrupt' ? 'corrupt' : 'unsupported_type', `scan refused: ${sniff.detail}`);
      }
      if (!s.app.get(input.applicationId)) throw new StoreError('not_found', `application ${input.applicationId} not found`);
      if (input.attachmentId !== undefined) loadAtt(input.attachmentId);

      const sha = sha256Hex(bytes);
      const existing = s.blob.get(sha);
      let wroteName: string | undefined;
      let blobRow: BlobRow | undefined;
      if (!existing || existing.purged_at !== null || !files.exists(existing.file_name)) {
        const fileKey = newFileKey();
        const name = blobFileName(deps.nameSalt, sha);
        files.write(name, encryptBlob(fileKey, bytes, sha));
        wroteName = name;
        blobRow = {
          sha256: sha,
          file_name: name,
          mime: sniff.mime,
          size: bytes.length,
          wrapped_key: wrapFileKey(deps.kek.key, fileKey, sha),
          kek_id: deps.kek.id,
          stored_at: now(),
          purged_at: null,
        };
      }
      try {
        return db
          .transaction((): Attachment => {
            if (blobRow) {
              const { purged_at: _p, ...row } = blobRow;
              s.insertBlob.run(row);
            }
            const at = now();
            let attId = input.attachmentId;
            if (attId === undefined) {
              attId = randomUUID();
              s.insertAtt.run(attId, input.applicationId, input.slot, at, input.actor, at);
            } else {
              s.touchAtt.run(at, attId);
            }
            const position = (s.maxPos.get(attId)?.m ?? -1) + 1;
            const pageId = randomUUID();
            s.insertPage.run(pageId, attId, position, sha);
            outbox.enqueue('attachment.saved', input.applicationId, { attachmentId: attId, pageId, sha256: sha });
            audit.append({
              actor: input.actor,
              action: 'attach',
              subjectId: input.applicationId,
              details: { attachmentId: attId, slot: input.slot, page: position + 1, sha256: sha, mime: sniff.mime, size: bytes.length },
            });
            return toAttachment(loadAtt(attId));
          })
          .immediate();
      } catch (e) {
        // The file is useless without its row: take it back so a failed save leaves nothing behind.
        if (wroteName) files.remove(wroteName);
        throw e;
      }
    },

    /** Decrypted bytes of page `page` (0-based) of an attachment, checked against its hash. */
    read(attachmentId: string, page = 0): Buffer {
      const p = toAttachment(loadAtt(attachmentId)).pages[page];
      if (!p) throw new StoreError('not_found', `attachment ${attachmentId} has no page ${page + 1}`);
      return readBlob(p.sha256);
    },

    /**
     * The sealed file of a stored scan and the key that opens it (layout: blob-crypto.ts), so a
     * large scan can be read, decrypted and checked off the core's thread (sync uploads).
     */
    sealedFile(sha256: string): { path: string; fileKey: Buffer } {
      const { name, fileKey } = sealedBlob(sha256);
      return { path: files.pathOf(name), fileKey };
    },

    list(applicationId: string): Attachment[] {
      return s.attsFor.all(applicationId).map(toAttachment);
    },

    get(attachmentId: string): Attachment | undefined {
      const a = s.att.get(attachmentId);
      return a ? toAttachment(a) : undefined;
    },

    /** `pageIds`: every page of the attachment, in the new order. */
    reorder(attachmentId: string, pageIds: string[], actor: string): Attachment {
      return db
        .transaction(() => {
          const a = loadAtt(attachmentId);
          const current = s.pages.all(attachmentId).map((p) => p.id);
          if (pageIds.length !== current.length || new Set(pageIds).size !== pageIds.length || !pageIds.every((id) => current.includes(id))) {
            throw new StoreError('conflict', `new page order does not list the pages of attachment ${attachmentId}`);
          }
          renumber(attachmentId, pageIds);
          audit.append({ actor, action: 'attachment_change', subjectId: a.application_id, details: { attachmentId, change: 'reorder', order: pageIds } });
          return toAttachment(loadAtt(attachmentId));
        })
        .immediate();
    },

    rotate(attachmentId: string, pageId: string, rotation: Rotation, actor: string): Attachment {
      return db
        .transaction(() => {
          const a = loadAtt(attachmentId);
          if (s.setRot.run(rotation, pageId, attachmentId).changes !== 1) throw new StoreError('not_found', `page ${pageId} not found`);
          s.touchAtt.run(now(), attachmentId);
          audit.append({ actor, action: 'attachment_change', subjectId: a.application_id, details: { attachmentId, change: 'rotate', pageId, rotation } });
          return toAttachment(loadAtt(attachmentId));
        })
        .immediate();
    },

    /** Remove one page; an attachment left without pages is removed too (returns undefined). */
    removePage(attachmentId: string, pageId: string, actor: string): Attachment | undefined {
      const { result, names } = db
        .transaction(() => {
          const a = loadAtt(attachmentId);
          const page = s.pages.all(attachmentId).find((p) => p.id === pageId);
          if (!page) throw new StoreError('not_found', `page ${pageId} not found`);
          s.deletePage.run(pageId, attachmentId);
          const rest = s.pages.all(attachmentId).map((p) => p.id);
          if (rest.length === 0) s.deleteAtt.run(attachmentId);
          else renumber(attachmentId, rest);
          const released = releaseBlobs([page.blob_sha256]);
          audit.append({ actor, action: 'detach', subjectId: a.application_id, details: { attachmentId, pageId, sha256: page.blob_sha256 } });
          return { result: rest.length === 0 ? undefined : toAttachment(loadAtt(attachmentId)), names: released };
        })
        .immediate();
      deleteReleased(names);
      return result;
    },

    remove(attachmentId: string, actor: string): void {
      const names = db
        .transaction(() => {
          const a = loadAtt(attachmentId);
          const shas = s.pages.all(attachmentId).map((p) => p.blob_sha256);
          s.deleteAtt.run(attachmentId);
          const released = releaseBlobs(shas);
          audit.append({ actor, action: 'detach', subjectId: a.application_id, details: { attachmentId, slot: a.slot, sha256: shas } });
          return released;
        })
        .immediate();
      deleteReleased(names);
    },

    /**
     * Remove files no row points to (a crash between writing a file and committing its row)
     * and temp files left by an interrupted write. Returns how many files went.
     */
    sweepOrphans(): number {
      const live = new Set(s.liveNames.all().map((r) => r.file_name));
      const { names, temps } = files.listAll();
      let n = 0;
      for (const name of names) {
        if (!live.has(name)) {
          files.remove(name);
          n++;
        }
      }
      for (const t of temps) {
        files.unlinkPath(t);
        n++;
      }
      return n;
    },

    /** For key rotation: re-wrap every file key from its current KEK to `next`, in the caller's transaction. */
    rewrapAll(next: Kek): number {
      const rows = db.prepare<[string], BlobRow>('SELECT * FROM blobs WHERE kek_id != ?').all(next.id);
      const upd = db.prepare('UPDATE blobs SET wrapped_key = ?, kek_id = ? WHERE sha256 = ?');
      for (const b of rows) {
        const fileKey = unwrapFileKey(kekFor(b.kek_id), b.wrapped_key, b.sha256);
        upd.run(wrapFileKey(next.key, fileKey, b.sha256), next.id, b.sha256);
      }
      return rows.length;
    },
  };
}

export type Attachments = ReturnType<typeof createAttachments>;
