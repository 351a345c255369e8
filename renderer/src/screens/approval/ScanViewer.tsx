import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/locale-store';
import { sessionApi } from '../../state/session-api';
import type { PdfScan } from './pdf-document';

interface ScanRef {
  id: string;
  slot: string;
  pages: { index: number; mime: string; rotation: number }[];
}

/**
 * What an <img> in Chromium shows. TIFF (common from office scanners) is not among them: those
 * pages are offered as a download with a notice saying why, never as a broken image. PDF is
 * drawn page by page with pdf.js (pdf-document.ts); one pdf.js cannot open falls back to the
 * download.
 */
const SHOWN_IN_PLACE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/bmp']);
const EXTENSION: Record<string, string> = { 'application/pdf': 'pdf', 'image/tiff': 'tif' };
const formatName = (mime: string) => (mime === 'application/pdf' ? 'PDF' : mime === 'image/tiff' ? 'TIFF' : mime.replace(/^[a-z]+\//, '').toUpperCase());

export const ZOOM_STEP = 1.25;
const clampZoom = (z: number) => Math.max(0.25, Math.min(4, z));
const PDF = 'application/pdf';
const FALLBACK_WIDTH = 800;

const bytesOf = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

/**
 * Opens every PDF among the scans once (bytes in memory only) so the viewer knows how many
 * pages each really has: a 3-page PDF is 3 pages to turn, not 1. undefined = still opening.
 */
function usePdfScans(scans: ScanRef[]): Record<string, PdfScan | 'failed'> {
  const [pdfs, setPdfs] = useState<Record<string, PdfScan | 'failed'>>({});
  const wanted = scans.flatMap((s) => s.pages.filter((p) => p.mime === PDF).map((p) => `${s.id}/${p.index}`)).join(' ');
  useEffect(() => {
    let cancelled = false;
    const opened: PdfScan[] = [];
    for (const key of wanted ? wanted.split(' ') : []) {
      const [attachmentId = '', page = ''] = key.split('/');
      void sessionApi['approval.scanPage']({ attachmentId, page: Number(page) })
        .then(async (r) => {
          if (!r.ok || r.value.mime !== PDF) return 'failed' as const;
          // pdf.js (~400 kB) loads only when a review has a PDF, not with the app.
          const { openPdfScan } = await import('./pdf-document');
          const doc = await openPdfScan(bytesOf(r.value.dataBase64));
          opened.push(doc);
          return doc;
        })
        .catch(() => 'failed' as const)
        .then((doc) => {
          if (cancelled) {
            if (doc !== 'failed') doc.close();
          } else setPdfs((m) => ({ ...m, [key]: doc }));
        });
    }
    return () => {
      cancelled = true;
      for (const d of opened) d.close();
      setPdfs({});
    };
  }, [wanted]);
  return pdfs;
}

/** One PDF page drawn to a canvas as wide as the frame times the zoom (redrawn sharp, not stretched). */
function PdfPage({ doc, pageNumber, zoom, rotation, label }: { doc: PdfScan; pageNumber: number; zoom: number; rotation: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState<string | null>(null);
  const want = `${pageNumber}/${zoom}/${rotation}`;
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    let cancelled = false;
    const frameWidth = canvas.parentElement?.clientWidth || FALLBACK_WIDTH;
    const drawing = doc.render(pageNumber, canvas, frameWidth * zoom, rotation);
    drawing.done.then(() => !cancelled && setDrawn(want)).catch(() => undefined);
    return () => {
      cancelled = true;
      drawing.cancel();
    };
  }, [doc, pageNumber, zoom, rotation, want]);
  return <canvas ref={ref} role="img" aria-label={label} data-drawn={drawn === want ? 'true' : 'false'} style={{ width: `${zoom * 100}%` }} />;
}

/**
 * Pages through every scan of the application; +/− zoom, PageUp/PageDown turn pages.
 * `labelOf` names a document slot in the reader's language (slot-label.ts).
 */
export function ScanViewer({ scans, labelOf = (slot) => slot }: { scans: ScanRef[]; labelOf?: (slot: string) => string }) {
  const t = useT();
  const pdfs = usePdfScans(scans);
  // A PDF counts its real pages once open; the page number runs on through the scan's later pages.
  const pages = scans.flatMap((s) => {
    let n = 0;
    return s.pages.flatMap((p) => {
      const doc = pdfs[`${s.id}/${p.index}`];
      const count = p.mime === PDF && doc && doc !== 'failed' ? doc.numPages : 1;
      return Array.from({ length: count }, (_, k) => ({ attachmentId: s.id, slot: s.slot, pageInScan: ++n, pdfPage: k + 1, ...p }));
    });
  });
  const [at, setAt] = useState(0);
  const [zoom, setZoom] = useState(1);
  const [src, setSrc] = useState<{ key: string; url: string; mime: string; rotation: number } | null>(null);
  const page = pages[at];
  const attachmentId = page?.attachmentId;
  const pageIndex = page?.index;
  const key = `${attachmentId ?? ''}/${pageIndex ?? ''}`;
  const pdf = page?.mime === PDF ? pdfs[key] : 'failed';
  // A PDF being opened or drawn by pdf.js is not fetched again as a download.
  const asImage = pdf === 'failed';

  useEffect(() => {
    if (attachmentId === undefined || pageIndex === undefined || !asImage) return;
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
  }, [attachmentId, pageIndex, asImage]);

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
        {page && pdf && pdf !== 'failed' ? (
          <PdfPage doc={pdf} pageNumber={page.pdfPage} zoom={zoom} rotation={page.rotation} label={label} />
        ) : shown && page ? (
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
