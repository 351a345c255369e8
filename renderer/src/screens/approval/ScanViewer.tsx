import { useEffect, useState } from 'react';
import { useT } from '../../i18n/locale-store';
import { sessionApi } from '../../state/session-api';

interface ScanRef {
  id: string;
  slot: string;
  pages: { index: number; mime: string; rotation: number }[];
}

/**
 * What an <img> in Chromium shows. TIFF (common from office scanners) is not among them, and
 * the CSP allows no frames or objects for PDF: those pages are offered as a download with a
 * notice saying why, never as a broken image.
 */
const SHOWN_IN_PLACE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/bmp']);
const EXTENSION: Record<string, string> = { 'application/pdf': 'pdf', 'image/tiff': 'tif' };
const formatName = (mime: string) => (mime === 'application/pdf' ? 'PDF' : mime === 'image/tiff' ? 'TIFF' : mime.replace(/^[a-z]+\//, '').toUpperCase());

export const ZOOM_STEP = 1.25;
const clampZoom = (z: number) => Math.max(0.25, Math.min(4, z));

/**
 * Pages through every scan of the application; +/− zoom, PageUp/PageDown turn pages.
 * `labelOf` names a document slot in the reader's language (slot-label.ts).
 */
export function ScanViewer({ scans, labelOf = (slot) => slot }: { scans: ScanRef[]; labelOf?: (slot: string) => string }) {
  const t = useT();
  const pages = scans.flatMap((s) => s.pages.map((p, i) => ({ attachmentId: s.id, slot: s.slot, pageInScan: i + 1, ...p })));
  const [at, setAt] = useState(0);
  const [zoom, setZoom] = useState(1);
  const [src, setSrc] = useState<{ key: string; url: string; mime: string; rotation: number } | null>(null);
  const page = pages[at];
  const attachmentId = page?.attachmentId;
  const pageIndex = page?.index;
  const key = `${attachmentId ?? ''}/${pageIndex ?? ''}`;

  useEffect(() => {
    if (attachmentId === undefined || pageIndex === undefined) return;
    let cancelled = false;
    void sessionApi['approval.scanPage']({ attachmentId, page: pageIndex }).then((r) => {
      if (!cancelled && r.ok)
        setSrc({
          key: `${attachmentId}/${pageIndex}`,
          url: `data:${r.value.mime};base64,${r.value.dataBase64}`,
          mime: r.value.mime,
          rotation: r.value.rotation,
        });
    });
    return () => {
      cancelled = true;
    };
  }, [attachmentId, pageIndex]);

  if (pages.length === 0) return <p>{t('approval.review.noScans')}</p>;
  const go = (d: number) => setAt((a) => Math.max(0, Math.min(pages.length - 1, a + d)));
  const zoomBy = (f: number) => setZoom((z) => clampZoom(z * f));
  const label = page ? t('approval.review.scanPageLabel', { doc: labelOf(page.slot), page: page.pageInScan }) : t('approval.review.scans');
  // The previous page's image is not shown under the next page's name while it loads.
  const shown = src && src.key === key ? src : null;
  return (
    <div
      className="scan-viewer"
      tabIndex={0}
      aria-label={t('approval.review.scans')}
      onKeyDown={(e) => {
        if (e.key === 'PageDown') go(1);
        else if (e.key === 'PageUp') go(-1);
        else if (e.key === '+' || e.key === '=') zoomBy(ZOOM_STEP);
        else if (e.key === '-') zoomBy(1 / ZOOM_STEP);
        else return;
        e.preventDefault();
      }}
    >
      <div className="actions" role="toolbar" aria-label={t('approval.review.scans')}>
        <button type="button" onClick={() => go(-1)} disabled={at === 0}>
          {t('approval.review.prevPage')}
        </button>
        <span aria-live="polite">{t('approval.review.page', { page: at + 1, pages: pages.length })}</span>
        <button type="button" onClick={() => go(1)} disabled={at >= pages.length - 1}>
          {t('approval.review.nextPage')}
        </button>
        <button type="button" onClick={() => zoomBy(ZOOM_STEP)}>
          {t('approval.review.zoomIn')}
        </button>
        <button type="button" onClick={() => zoomBy(1 / ZOOM_STEP)}>
          {t('approval.review.zoomOut')}
        </button>
        <span className="scan-zoom">{t('approval.review.zoomLevel', { percent: Math.round(zoom * 100) })}</span>
      </div>
      <p className="scan-caption">{label}</p>
      <div className="scan-frame" tabIndex={0} role="region" aria-label={label}>
        {shown && page ? (
          SHOWN_IN_PLACE.has(shown.mime) ? (
            <img alt={label} src={shown.url} style={{ width: `${zoom * 100}%`, transform: `rotate(${shown.rotation}deg)` }} />
          ) : (
            <div className="notice scan-not-viewable">
              <span className="badge">{formatName(shown.mime)}</span> {t('approval.review.notViewable', { format: formatName(shown.mime) })}{' '}
              <a href={shown.url} download={`${page.slot}-${page.pageInScan}.${EXTENSION[shown.mime] ?? 'bin'}`}>
                {t('approval.review.download', { doc: label })}
              </a>
            </div>
          )
        ) : null}
      </div>
    </div>
  );
}
