import { create } from 'zustand';
import type { ApiErrorBody } from '../../../../../api/result';
import { scansClient, type AttachmentView, type ScansClient } from './scans-api';
import { downscaleImage } from './downscale';

export interface Thumb {
  url: string;
}

export interface ScansState {
  applicationId: string | null;
  /** Every scan of the open application; each checklist panel shows its own slot's. */
  scans: AttachmentView[];
  loaded: boolean;
  loadError: ApiErrorBody | null;
  /** Preview data URLs by page id (page ids change when the bytes do, never otherwise). */
  thumbs: Record<string, Thumb | 'none'>;
  ensureLoaded(applicationId: string): Promise<void>;
  /** A scan the core returned after a change (commit, assign, rotate, reorder). */
  put(view: AttachmentView): void;
  /** The slot's scans as the core returned them after a removal. */
  setSlot(slot: string, views: AttachmentView[]): void;
  thumbnail(attachmentId: string, pageId: string, page: number): Promise<void>;
}

const dataUrlOf = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable thumbnail'));
    reader.readAsDataURL(blob);
  });

/** The list's thumbnail: scaled down off the UI thread, else (small already, or no way to scale) the image as sent. */
async function thumbOf(mime: string, dataBase64: string): Promise<Thumb> {
  try {
    const bytes = Uint8Array.from(atob(dataBase64), (c) => c.charCodeAt(0));
    const small = await downscaleImage(bytes, mime);
    // A data URL of the small JPEG: nothing to release when the list changes.
    if (small) return { url: await dataUrlOf(small) };
  } catch {
    // An image the browser cannot decode: shown as sent, as before.
  }
  return { url: `data:${mime};base64,${dataBase64}` };
}

/**
 * One list call per application for all the checklist's panels (a form has a dozen slots),
 * and one thumbnail call per page however often the panels re-render.
 */
export function createScansStore(client: ScansClient) {
  let loading: { applicationId: string; promise: Promise<void> } | null = null;
  const fetching = new Set<string>();
  return create<ScansState>((set, get) => ({
    applicationId: null,
    scans: [],
    loaded: false,
    loadError: null,
    thumbs: {},
    async ensureLoaded(applicationId) {
      if (get().applicationId === applicationId && get().loaded) return;
      if (loading?.applicationId === applicationId) return loading.promise;
      set({ applicationId, scans: [], loaded: false, loadError: null, thumbs: {} });
      const promise = client['attachments.list']({ applicationId }).then((r) => {
        if (get().applicationId !== applicationId) return;
        if (r.ok) set({ scans: r.value, loaded: true, loadError: null });
        else set({ loadError: r.error });
      });
      loading = { applicationId, promise };
      try {
        await promise;
      } finally {
        if (loading?.promise === promise) loading = null;
      }
    },
    put(view) {
      const scans = get().scans;
      const at = scans.findIndex((s) => s.id === view.id);
      set({ scans: at === -1 ? [...scans, view] : scans.map((s) => (s.id === view.id ? view : s)) });
    },
    setSlot(slot, views) {
      set({ scans: [...get().scans.filter((s) => s.slot !== slot), ...views] });
    },
    async thumbnail(attachmentId, pageId, page) {
      if (get().thumbs[pageId] || fetching.has(pageId)) return;
      fetching.add(pageId);
      try {
        const r = await client['attachments.thumbnail']({ attachmentId, page });
        set({ thumbs: { ...get().thumbs, [pageId]: r.ok ? await thumbOf(r.value.mime, r.value.dataBase64) : 'none' } });
      } finally {
        fetching.delete(pageId);
      }
    },
  }));
}

export const useScansStore = createScansStore(scansClient);
