import { useEffect, useId, useMemo, useRef, useState, type DragEvent } from 'react';
import type { ApiErrorBody } from '../../../../../api/result';
import type { MessageKey, MessageParams } from '../../../../../i18n';
import { ErrorNotice } from '../../../app/ErrorNotice';
import { CameraCapture } from '../../../components/CameraCapture';
import { useT } from '../../../i18n/locale-store';
import { PageThumb } from './PageThumb';
import { scansClient, type AttachmentView } from './scans-api';
import { useScansStore } from './scans-store';
import { uploadScan } from './upload';
import './scans.css';
import { now } from '../../../clock';

/** What the picker offers; the core decides from the bytes, not from this list. */
const ACCEPT = 'application/pdf,image/jpeg,image/png,image/tiff,.pdf,.jpg,.jpeg,.png,.tif,.tiff';

type Rotation = 0 | 90 | 180 | 270;
const nextRotation = (r: number): Rotation => ((r + 90) % 360) as Rotation;

interface Progress {
  name: string;
  sent: number;
  size: number;
}

/**
 * The scans of one checklist slot (issue 5, item 4): previews in page order, move/rotate/
 * remove, and attaching by file picker, drag and drop or the document camera. Every change
 * bumps the application's revision in the core, so `onChanged` makes the form re-read it.
 */
export function ScansPanel({
  applicationId,
  slot,
  label,
  readOnly,
  onChanged,
}: {
  applicationId: string;
  slot: string;
  /** The slot as the clerk reads it (names the group and the progress bar). */
  label: string;
  readOnly: boolean;
  onChanged?: () => void;
}) {
  const t = useT();
  const id = useId();
  const all = useScansStore((s) => s.scans);
  const scans = useMemo(() => all.filter((a) => a.slot === slot), [all, slot]);
  const loadError = useScansStore((s) => (s.applicationId === applicationId ? s.loadError : null));
  const ensureLoaded = useScansStore((s) => s.ensureLoaded);
  const put = useScansStore((s) => s.put);
  const setSlot = useScansStore((s) => s.setSlot);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [status, setStatus] = useState<{ key: MessageKey; params?: MessageParams } | null>(null);
  const [camera, setCamera] = useState(false);
  const [dragging, setDragging] = useState(false);
  // Removing asks twice: the first press arms this button, the second removes.
  const [armed, setArmed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  // Set by "add pages to scan n", which opens the one file input (the checklist item has a
  // single picker); a direct click on the picker clears it.
  const addTo = useRef<string | null>(null);
  const cameraButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void ensureLoaded(applicationId);
  }, [applicationId, ensureLoaded]);

  const done = (key: MessageKey, params?: MessageParams) => {
    setError(null);
    setStatus({ key, params });
    onChanged?.();
  };

  /** After a change re-renders the list, keep the keyboard where the clerk was. */
  const refocus = (selector: string) =>
    requestAnimationFrame(() => {
      const el = root.current?.querySelector<HTMLElement>(selector);
      (el && !(el as HTMLButtonElement).disabled ? el : fileInput.current)?.focus();
    });

  async function attach(files: { blob: Blob; name: string }[], attachmentId?: string) {
    if (readOnly || busy || files.length === 0) return;
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      // One after another: the core holds each upload in memory until commit.
      for (const f of files) {
        setProgress({ name: f.name, sent: 0, size: f.blob.size });
        const r = await uploadScan(scansClient, { applicationId, slot, ...(attachmentId ? { attachmentId } : {}) }, f.blob, f.name, (sent) =>
          setProgress({ name: f.name, sent, size: f.blob.size }),
        );
        if (!r.ok) {
          setError(r.error);
          break;
        }
        put(r.value);
        done('scans.attached', { name: f.name });
      }
    } finally {
      setProgress(null);
      setBusy(false);
    }
  }

  async function change(
    run: () => Promise<{ ok: true; value: AttachmentView | AttachmentView[] } | { ok: false; error: ApiErrorBody }>,
    key: MessageKey,
    focus?: string,
  ) {
    if (busy) return;
    setBusy(true);
    setArmed(null);
    try {
      const r = await run();
      if (!r.ok) {
        setError(r.error);
        return;
      }
      if (Array.isArray(r.value)) setSlot(slot, r.value);
      else put(r.value);
      done(key);
      if (focus) refocus(focus);
    } finally {
      setBusy(false);
    }
  }

  const move = (scan: AttachmentView, from: number, to: number) => {
    const ids = scan.pages.map((p) => p.id);
    const [moved] = ids.splice(from, 1);
    if (moved === undefined) return;
    ids.splice(to, 0, moved);
    const dir = to < from ? 'up' : 'down';
    void change(
      () => scansClient['attachments.reorder']({ attachmentId: scan.id, pageIds: ids }),
      'scans.moved',
      `[data-page="${moved}"][data-action="${dir}"]`,
    );
  };

  const removeArmed = (key: string, run: () => void) => {
    if (armed === key) run();
    else setArmed(key);
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    void attach(Array.from(e.dataTransfer.files).map((f) => ({ blob: f, name: f.name })));
  };

  return (
    <div className="scans" role="group" aria-label={t('scans.title', { slot: label })} ref={root}>
      {scans.length === 0 ? <p className="scans-none">{t('scans.none')}</p> : null}
      {scans.length > 0 ? (
        <ul className="scan-list">
          {scans.map((scan, n) => (
            <li key={scan.id} className="scan" data-attachment={scan.id}>
              <span className="scan-title">{t('scans.scan', { n: n + 1, pages: scan.pages.reduce((sum, p) => sum + (p.pageCount ?? 1), 0) })}</span>
              <ol className="scan-pages">
                {scan.pages.map((page, i) => (
                  <li key={page.id} className="scan-page">
                    <PageThumb
                      attachmentId={scan.id}
                      pageId={page.id}
                      index={i}
                      mime={page.mime}
                      rotation={page.rotation}
                      label={t('scans.preview', { n: i + 1 })}
                    />
                    {readOnly ? null : (
                      <div className="scan-page-actions">
                        <button type="button" data-page={page.id} data-action="up" disabled={busy || i === 0} onClick={() => move(scan, i, i - 1)}>
                          {t('scans.moveUp', { n: i + 1 })}
                        </button>
                        <button
                          type="button"
                          data-page={page.id}
                          data-action="down"
                          disabled={busy || i === scan.pages.length - 1}
                          onClick={() => move(scan, i, i + 1)}
                        >
                          {t('scans.moveDown', { n: i + 1 })}
                        </button>
                        <button
                          type="button"
                          data-page={page.id}
                          data-action="rotate"
                          disabled={busy}
                          onClick={() =>
                            void change(
                              () => scansClient['attachments.rotate']({ attachmentId: scan.id, pageId: page.id, rotation: nextRotation(page.rotation) }),
                              'scans.rotated',
                              `[data-page="${page.id}"][data-action="rotate"]`,
                            )
                          }
                        >
                          {t('scans.rotate', { n: i + 1, rotation: nextRotation(page.rotation) })}
                        </button>
                        {scan.pages.length > 1 ? (
                          <button
                            type="button"
                            className="danger"
                            disabled={busy}
                            onClick={() =>
                              removeArmed(
                                `page:${page.id}`,
                                () =>
                                  void change(
                                    () => scansClient['attachments.removePage']({ attachmentId: scan.id, pageId: page.id }),
                                    'scans.removed',
                                    '[data-action="up"]',
                                  ),
                              )
                            }
                            onBlur={() => setArmed((a) => (a === `page:${page.id}` ? null : a))}
                          >
                            {armed === `page:${page.id}` ? t('scans.confirmRemove') : t('scans.removePage', { n: i + 1 })}
                          </button>
                        ) : null}
                      </div>
                    )}
                  </li>
                ))}
              </ol>
              {readOnly ? null : (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => {
                    fileInput.current?.click();
                    addTo.current = scan.id;
                  }}
                >
                  {t('scans.addPages', { n: n + 1 })}
                </button>
              )}
              {readOnly ? null : (
                <button
                  type="button"
                  className="danger"
                  disabled={busy}
                  onClick={() =>
                    removeArmed(
                      `scan:${scan.id}`,
                      () =>
                        void change(
                          () => scansClient['attachments.remove']({ attachmentId: scan.id, applicationId, slot }),
                          'scans.removed',
                          'input[type=file]',
                        ),
                    )
                  }
                  onBlur={() => setArmed((a) => (a === `scan:${scan.id}` ? null : a))}
                >
                  {armed === `scan:${scan.id}` ? t('scans.confirmRemove') : t('scans.removeScan', { n: n + 1 })}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {readOnly ? null : (
        <div
          className={`scan-drop${dragging ? ' scan-drop-over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          {/* The native control's own words ("Choose Files") follow the browser's language, not
              the clerk's: it stays focusable but unseen, and its label is the visible button. */}
          <input
            id={`${id}-file`}
            className="visually-hidden scan-pick-input"
            ref={fileInput}
            type="file"
            multiple
            accept={ACCEPT}
            disabled={busy}
            onClick={() => {
              addTo.current = null;
            }}
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []).map((f) => ({ blob: f as Blob, name: f.name }));
              const target = addTo.current ?? undefined;
              addTo.current = null;
              // Cleared so choosing the same file again (after a refusal) fires again.
              e.target.value = '';
              void attach(files, target);
            }}
          />
          <label htmlFor={`${id}-file`} className="scan-pick">
            {t('scans.attach')}
          </label>
          <span className="scan-drop-hint">{t('scans.drop')}</span>
          <button type="button" ref={cameraButton} disabled={busy || camera} onClick={() => setCamera(true)}>
            {t('scans.camera')}
          </button>
        </div>
      )}
      {camera && !readOnly ? (
        <CameraCapture
          onCapture={(jpeg) => {
            setCamera(false);
            const name = `camera-${now().toISOString().replace(/[:.]/g, '-')}.jpg`;
            // Back to the camera button once stored, ready for the next page.
            void attach([{ blob: new Blob([jpeg as BlobPart], { type: 'image/jpeg' }), name }]).then(() =>
              requestAnimationFrame(() => cameraButton.current?.focus()),
            );
          }}
          onClose={() => {
            setCamera(false);
            requestAnimationFrame(() => cameraButton.current?.focus());
          }}
        />
      ) : null}
      {progress ? (
        <div className="scan-progress">
          <label htmlFor={`${id}-progress`}>{t('scans.uploading', { name: progress.name })}</label>
          <progress id={`${id}-progress`} max={progress.size} value={progress.sent} />
        </div>
      ) : null}
      <p className="scans-status" role="status">
        {status ? t(status.key, status.params) : ''}
      </p>
      <ErrorNotice error={error ?? loadError} />
    </div>
  );
}
