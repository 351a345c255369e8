import { useEffect, useState } from 'react';
import { useT } from '../../i18n/locale-store';
import { sessionApi } from '../../state/session-api';

interface ScanRef {
  id: string;
  slot: string;
  pages: { index: number; mime: string; rotation: number }[];
}

/** Pages through every scan of the application; +/− zoom, PageUp/PageDown turn pages. */
export function ScanViewer({ scans }: { scans: ScanRef[] }) {
  const t = useT();
  const pages = scans.flatMap((s) => s.pages.map((p) => ({ attachmentId: s.id, slot: s.slot, ...p })));
  const [at, setAt] = useState(0);
  const [zoom, setZoom] = useState(1);
  const [src, setSrc] = useState<{ url: string; mime: string; rotation: number } | null>(null);
  const page = pages[at];
  const attachmentId = page?.attachmentId;
  const pageIndex = page?.index;

  useEffect(() => {
    if (attachmentId === undefined || pageIndex === undefined) return;
    let cancelled = false;
    void sessionApi['approval.scanPage']({ attachmentId, page: pageIndex }).then((r) => {
      if (!cancelled && r.ok) setSrc({ url: `data:${r.value.mime};base64,${r.value.dataBase64}`, mime: r.value.mime, rotation: r.value.rotation });
    });
    return () => {
      cancelled = true;
    };
  }, [attachmentId, pageIndex]);

  if (pages.length === 0) return <p>{t('approval.review.noScans')}</p>;
  const go = (d: number) => setAt((a) => Math.max(0, Math.min(pages.length - 1, a + d)));
  return (
    <div
      className="scan-viewer"
      tabIndex={0}
      aria-label={t('approval.review.scans')}
      onKeyDown={(e) => {
        if (e.key === 'PageDown') go(1);
        else if (e.key === 'PageUp') go(-1);
        else if (e.key === '+' || e.key === '=') setZoom((z) => Math.min(4, z * 1.25));
        else if (e.key === '-') setZoom((z) => Math.max(0.25, z / 1.25));
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
        <button type="button" onClick={() => setZoom((z) => Math.min(4, z * 1.25))}>
          {t('approval.review.zoomIn')}
        </button>
        <button type="button" onClick={() => setZoom((z) => Math.max(0.25, z / 1.25))}>
          {t('approval.review.zoomOut')}
        </button>
      </div>
      <div className="scan-frame" tabIndex={0} role="region" aria-label={page ? `${page.slot} ${at + 1}` : t('approval.review.scans')}>
        {src && page ? (
          src.mime === 'application/pdf' ? (
            // The CSP allows no frames or objects, so a PDF scan is opened outside the app.
            <a href={src.url} download={`${page.slot}-${at + 1}.pdf`}>
              {page.slot} {at + 1} (PDF)
            </a>
          ) : (
            <img alt={`${page.slot} ${at + 1}`} src={src.url} style={{ width: `${zoom * 100}%`, transform: `rotate(${src.rotation}deg)` }} />
          )
        ) : null}
      </div>
    </div>
  );
}
