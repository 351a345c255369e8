import { create } from 'zustand';
import type { ApiErrorBody, ApiResult } from '../../../api/result';
import type { Application } from '../../../domain/model/application';
import { intakeApi, type IntakeApi, type IntakeRecord } from '../screens/intake/intake-api';
import { nowMs } from '../clock';

export type SaveState = 'saved' | 'pending' | 'saving' | 'error';

// Short enough that a crash loses at most about a second of typing (issue 5: nothing typed
// is ever lost), long enough not to write on every keystroke of a fast typist.
export const AUTOSAVE_DELAY_MS = 400;
/** A clerk who never pauses still has a save at least this often (issue 4: within a second). */
export const AUTOSAVE_MAX_WAIT_MS = 1_000;
/** While the core does not answer, keep retrying: the text stays in memory meanwhile. */
export const RETRY_DELAY_MS = 2_000;

export interface IntakeState {
  id: string | null;
  /** The record as the core last returned it (assessment, duplicates, tickers, status). */
  record: IntakeRecord | null;
  /** The clerk's working copy: ahead of `record.application` while a save is pending. */
  app: Application | null;
  saveState: SaveState;
  /** The last save/submit refusal, in the clerk's language through ErrorNotice. */
  error: ApiErrorBody | null;
  loadError: ApiErrorBody | null;
  open(id: string): Promise<void>;
  /** Adopt a record the caller already has (e.g. just created). */
  adopt(record: IntakeRecord): void;
  update(change: (draft: Application) => void): void;
  /** Save now if anything is pending and wait for it (closing, submitting). */
  flush(): Promise<boolean>;
  /** Re-read after something else changed the application (a scan attached). */
  refresh(): Promise<void>;
  submit(): Promise<IntakeRecord | null>;
  reset(): void;
}

/**
 * Attachments are the core's: they are appended by `attachments.commit` in the same
 * transaction as the upload, never by the form. When the form rebases onto a re-read record
 * it keeps its own typing and sightings but the core's attachment lists.
 */
export function rebase(local: Application, server: Application): Application {
  const documents: Application['documents'] = {};
  for (const slot of new Set([...Object.keys(local.documents), ...Object.keys(server.documents)])) {
    const mine = local.documents[slot];
    const theirs = server.documents[slot];
    documents[slot] = { sighting: mine?.sighting ?? theirs?.sighting ?? 'none', attachments: theirs?.attachments ?? [] };
  }
  return { ...local, documents };
}

export function createIntakeStore(client: IntakeApi, opts: { delayMs?: number; retryMs?: number; maxWaitMs?: number } = {}) {
  const delayMs = opts.delayMs ?? AUTOSAVE_DELAY_MS;
  const maxWaitMs = opts.maxWaitMs ?? AUTOSAVE_MAX_WAIT_MS;
  // When the oldest edit not yet handed to a save was made.
  let pendingSince: number | null = null;
  const retryMs = opts.retryMs ?? RETRY_DELAY_MS;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<void> | null = null;
  // Bumped on every edit; a save that returns while newer edits exist must not overwrite them.
  let editSeq = 0;
  let savedSeq = 0;
  // Guards against answers for an application that is no longer open.
  let generation = 0;

  return create<IntakeState>((set, get) => {
    const schedule = (ms: number) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        pendingSince = null;
        void saveNow();
      }, ms);
    };
    /** Debounced, but never later than maxWaitMs after the first unsaved keystroke. */
    const scheduleEdit = () => {
      const now = nowMs();
      pendingSince ??= now;
      schedule(Math.max(0, Math.min(delayMs, pendingSince + maxWaitMs - now)));
    };

    const accept = (r: IntakeRecord, sentSeq: number) => {
      savedSeq = Math.max(savedSeq, sentSeq);
      // Adopt the core's copy (it stamps ticks) only if nothing was typed meanwhile.
      const upToDate = editSeq === sentSeq;
      set({ record: r, app: upToDate ? r.application : get().app, error: null, saveState: upToDate ? 'saved' : 'pending' });
      if (!upToDate && !timer) schedule(delayMs);
    };

    async function attempt(gen: number, retriedConflict: boolean): Promise<void> {
      const { id, record, app } = get();
      if (!id || !record || !app) return;
      const sentSeq = editSeq;
      set({ saveState: 'saving' });
      const r = await client['intake.save']({ id, expectedRevision: record.revision, application: app });
      if (gen !== generation) return;
      if (r.ok) return accept(r.value, sentSeq);
      if (r.error.code === 'conflict' && !retriedConflict) {
        // Someone else (usually an attached scan) moved the revision on: re-read, keep the
        // clerk's typing on top of the core's attachments, and save again.
        const fresh = await client['intake.get']({ id });
        if (gen !== generation) return;
        if (fresh.ok) {
          set({ record: fresh.value, app: rebase(get().app ?? app, fresh.value.application) });
          if (fresh.value.readOnly) {
            set({ app: fresh.value.application, saveState: 'error', error: r.error });
            return;
          }
          return attempt(gen, true);
        }
      }
      set({ saveState: 'error', error: r.error });
      if (r.error.code === 'unavailable') schedule(retryMs);
    }

    async function saveNow(): Promise<void> {
      const gen = generation;
      // Serialised: each save carries the revision the previous one returned.
      while (inFlight) await inFlight;
      if (gen !== generation || editSeq === savedSeq) {
        if (editSeq === savedSeq && get().saveState !== 'error') set({ saveState: 'saved' });
        return;
      }
      const run = attempt(gen, false);
      inFlight = run;
      try {
        await run;
      } finally {
        inFlight = null;
      }
    }

    const loaded = (r: ApiResult<IntakeRecord>, gen: number) => {
      if (gen !== generation) return;
      if (r.ok) set({ id: r.value.id, record: r.value, app: r.value.application, loadError: null, error: null, saveState: 'saved' });
      else set({ loadError: r.error });
    };

    return {
      id: null,
      record: null,
      app: null,
      saveState: 'saved',
      error: null,
      loadError: null,
      async open(id) {
        get().reset();
        const gen = generation;
        set({ id });
        loaded(await client['intake.get']({ id }), gen);
      },
      adopt(record) {
        get().reset();
        loaded({ ok: true, value: record }, generation);
      },
      update(change) {
        const { app, record } = get();
        if (!app || !record || record.readOnly) return;
        const next = structuredClone(app);
        change(next);
        editSeq++;
        set({ app: next, saveState: 'pending' });
        scheduleEdit();
      },
      async flush() {
        if (timer) {
          clearTimeout(timer);
          timer = null;
        }
        await saveNow();
        return editSeq === savedSeq && get().saveState === 'saved';
      },
      async refresh() {
        const { id } = get();
        if (!id) return;
        const gen = generation;
        while (inFlight) await inFlight;
        const r = await client['intake.get']({ id });
        if (gen !== generation || !r.ok) return;
        const pending = editSeq !== savedSeq;
        set({ record: r.value, app: pending ? rebase(get().app ?? r.value.application, r.value.application) : r.value.application });
      },
      async submit() {
        if (!(await get().flush())) return null;
        const { id, record } = get();
        if (!id || !record) return null;
        const gen = generation;
        const r = await client['intake.submit']({ id, expectedRevision: record.revision });
        if (gen !== generation) return null;
        if (!r.ok) {
          set({ error: r.error });
          // The refusal may come from a state the screen does not show yet (a duplicate
          // submitted elsewhere meanwhile): re-read so the checklist explains it.
          await get().refresh();
          return null;
        }
        set({ record: r.value, app: r.value.application, error: null, saveState: 'saved' });
        return r.value;
      },
      reset() {
        generation++;
        if (timer) clearTimeout(timer);
        timer = null;
        editSeq = 0;
        savedSeq = 0;
        set({ id: null, record: null, app: null, saveState: 'saved', error: null, loadError: null });
      },
    };
  });
}

export const useIntakeStore = createIntakeStore(intakeApi);
