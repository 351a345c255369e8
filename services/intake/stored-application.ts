import { ApplicationSchema, emptyApplication, type Application } from '../../domain/model/application';
import type { ApplicationKind } from '../../domain/model/codes';

/**
 * The application held in `applications.data`. Drafts made by the walking skeleton's
 * `drafts.*` API stored only `{entity: {type, nameZh, namePt}}`: those open as a new form of
 * their kind with the names and type carried over, so nothing typed is lost.
 */
export function readStoredApplication(kind: ApplicationKind, data: unknown): Application {
  const parsed = ApplicationSchema.safeParse(data);
  if (parsed.success && parsed.data.kind === kind) return parsed.data;
  // Anything else is refused, not opened blank: the clerk's next keystroke would autosave the
  // blank form over what is stored.
  if (!isLegacyDraft(data)) throw new StoredApplicationError(kind);
  const app = emptyApplication(kind);
  const legacy = (data as { entity?: { type?: unknown; nameZh?: unknown; namePt?: unknown } } | null)?.entity;
  if (legacy && typeof legacy === 'object') {
    const fill = EntityFill.safeParse({ type: legacy.type ?? undefined, names: { zh: legacy.nameZh || undefined, pt: legacy.namePt || undefined } });
    if (fill.success) app.entity = { ...app.entity, ...(fill.data.type ? { type: fill.data.type } : {}), names: fill.data.names };
  }
  return app;
}

const EntityFill = ApplicationSchema.shape.entity.unwrap().pick({ type: true, names: true });

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isLegacyDraft(data: unknown): boolean {
  if (!isPlainObject(data) || Object.keys(data).some((k) => k !== 'entity')) return false;
  const e = data['entity'];
  return e === undefined || (isPlainObject(e) && Object.keys(e).every((k) => k === 'type' || k === 'nameZh' || k === 'namePt'));
}

/** Stored data that is neither an application of its kind nor a walking-skeleton draft. */
export class StoredApplicationError extends Error {
  constructor(readonly kind: ApplicationKind) {
    super(`stored application data does not parse as ${kind}`);
  }
}
