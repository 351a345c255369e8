import type { ApiResult } from '../../../../../api/result';
import type { AttachmentView, TrayView } from './scans-api';

// An in-memory core with the agreed scans semantics, for the components' jsdom tests (the
// real one has services/handlers/attachment-api.test.ts and the E2E).

const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
const refused = (messageKey: string, params?: Record<string, string | number>): ApiResult<never> => ({
  ok: false,
  error: { code: 'refused', message: messageKey, messageKey: messageKey as never, ...(params ? { params } : {}) },
});

/** A 1×1 PNG: enough for the fake to tell a "scan" from a corrupt file by its signature. */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

export function createFakeScansCore(opts: { chunkSize?: number } = {}) {
  const chunkSize = opts.chunkSize ?? 4;
  let seq = 0;
  const uploads = new Map<string, { applicationId: string; slot: string; size: number; attachmentId?: string; chunks: Uint8Array[] }>();
  const state = {
    scans: [] as AttachmentView[],
    tray: { configured: true, folder: '/scanner', items: [] } as TrayView,
    calls: [] as { method: string; input: unknown }[],
    /** Bytes the core received per committed attachment id. */
    received: new Map<string, Uint8Array>(),
  };
  const view = (id: string) => state.scans.find((s) => s.id === id);
  const replace = (v: AttachmentView) => {
    state.scans = state.scans.map((s) => (s.id === v.id ? v : s));
    return structuredClone(v);
  };
  const fromBase64 = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

  const methods: Record<string, (input: never) => ApiResult<unknown>> = {
    'attachments.list': ({ applicationId }: { applicationId: string }) => ok(structuredClone(state.scans.filter(() => applicationId === 'a1'))),
    'attachments.begin': ({ applicationId, slot, size, attachmentId }: { applicationId: string; slot: string; size: number; attachmentId?: string }) => {
      const uploadId = `u${++seq}`;
      uploads.set(uploadId, { applicationId, slot, size, chunks: [], ...(attachmentId ? { attachmentId } : {}) });
      return ok({ uploadId, chunkSize });
    },
    'attachments.chunk': ({ uploadId, index, dataBase64 }: { uploadId: string; index: number; dataBase64: string }) => {
      const u = uploads.get(uploadId);
      if (!u || index !== u.chunks.length) return refused('attachments.error.uploadBroken');
      const bytes = fromBase64(dataBase64);
      if (bytes.length > chunkSize) return refused('attachments.error.uploadBroken');
      u.chunks.push(bytes);
      return ok({ received: u.chunks.reduce((n, c) => n + c.length, 0) });
    },
    'attachments.abort': ({ uploadId }: { uploadId: string }) => {
      uploads.delete(uploadId);
      return ok({});
    },
    'attachments.commit': ({ uploadId }: { uploadId: string }) => {
      const u = uploads.get(uploadId);
      uploads.delete(uploadId);
      if (!u) return refused('attachments.error.uploadExpired');
      const bytes = new Uint8Array(u.chunks.reduce((n, c) => n + c.length, 0));
      u.chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
      if (bytes.length !== u.size || !PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return refused('attachments.error.corrupt');
      if (u.attachmentId) {
        const v = structuredClone(view(u.attachmentId));
        if (!v) return refused('api.error.notFound');
        v.pages.push({ id: `${v.id}-p${++seq}`, position: v.pages.length, mime: 'image/png', rotation: 0, size: bytes.length });
        v.size += bytes.length;
        return ok(replace(v));
      }
      const id = `att${++seq}`;
      const v: AttachmentView = {
        id,
        slot: u.slot,
        size: bytes.length,
        pages: [{ id: `${id}-p0`, position: 0, mime: 'image/png', rotation: 0, size: bytes.length }],
      };
      state.scans.push(v);
      state.received.set(id, bytes);
      return ok(structuredClone(v));
    },
    'attachments.thumbnail': ({ attachmentId, page }: { attachmentId: string; page: number }) => {
      const p = view(attachmentId)?.pages[page];
      if (!p || (p.mime !== 'image/png' && p.mime !== 'image/jpeg')) return refused('attachments.error.noPreview');
      return ok({ mime: p.mime, dataBase64: 'iVBORw0KGgo=', rotation: p.rotation });
    },
    'attachments.rotate': ({ attachmentId, pageId, rotation }: { attachmentId: string; pageId: string; rotation: 0 | 90 | 180 | 270 }) => {
      const v = structuredClone(view(attachmentId));
      const p = v?.pages.find((x) => x.id === pageId);
      if (!v || !p) return refused('api.error.notFound');
      p.rotation = rotation;
      return ok(replace(v));
    },
    'attachments.reorder': ({ attachmentId, pageIds }: { attachmentId: string; pageIds: string[] }) => {
      const v = structuredClone(view(attachmentId));
      if (!v) return refused('api.error.notFound');
      v.pages = pageIds.map((id, position) => ({ ...(v.pages.find((p) => p.id === id) as AttachmentView['pages'][number]), position }));
      return ok(replace(v));
    },
    'attachments.removePage': ({ attachmentId, pageId }: { attachmentId: string; pageId: string }) => {
      const v = structuredClone(view(attachmentId));
      if (!v) return refused('api.error.notFound');
      v.pages = v.pages.filter((p) => p.id !== pageId);
      if (v.pages.length === 0) state.scans = state.scans.filter((s) => s.id !== attachmentId);
      else replace(v);
      return ok(structuredClone(state.scans.filter((s) => s.slot === v.slot)));
    },
    'attachments.remove': ({ attachmentId, slot }: { attachmentId: string; slot: string }) => {
      state.scans = state.scans.filter((s) => s.id !== attachmentId);
      return ok(structuredClone(state.scans.filter((s) => s.slot === slot)));
    },
    'scanner.tray': () => ok(structuredClone(state.tray)),
    'scanner.assign': ({ itemId, slot }: { itemId: string; slot: string }) => {
      const item = state.tray.items.find((i) => i.id === itemId);
      if (!item) return refused('attachments.error.trayItemGone');
      state.tray.items = state.tray.items.filter((i) => i.id !== itemId);
      const id = `att${++seq}`;
      const v: AttachmentView = {
        id,
        slot,
        size: item.size,
        pages: [{ id: `${id}-p0`, position: 0, mime: item.mime ?? 'application/pdf', rotation: 0, size: item.size }],
      };
      state.scans.push(v);
      return ok(structuredClone(v));
    },
  };

  const api = Object.fromEntries(
    Object.entries(methods).map(([method, fn]) => [
      method,
      async (input: unknown) => {
        state.calls.push({ method, input });
        return fn(input as never);
      },
    ]),
  );
  return { state, api, callsOf: (method: string) => state.calls.filter((c) => c.method === method).map((c) => c.input) };
}
