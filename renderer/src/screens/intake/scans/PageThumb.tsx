import { useEffect } from 'react';
import { useT } from '../../../i18n/locale-store';
import { useScansStore } from './scans-store';

/**
 * One page's preview. JPEG and PNG pages show the image, turned by CSS (the stored bytes are
 * never re-encoded: rotation is a property of the page); PDF and TIFF pages show a badge,
 * as the renderer cannot draw them under its CSP.
 */
export function PageThumb({
  attachmentId,
  pageId,
  index,
  mime,
  rotation,
  label,
}: {
  attachmentId: string;
  pageId: string;
  index: number;
  mime: string;
  rotation: number;
  label: string;
}) {
  const t = useT();
  const previewable = mime === 'image/jpeg' || mime === 'image/png';
  const thumb = useScansStore((s) => s.thumbs[pageId]);
  const fetchThumb = useScansStore((s) => s.thumbnail);

  useEffect(() => {
    if (previewable) void fetchThumb(attachmentId, pageId, index);
  }, [previewable, attachmentId, pageId, index, fetchThumb]);

  if (!previewable || thumb === 'none') {
    const kind = mime === 'application/pdf' ? t('scans.pdf') : mime === 'image/tiff' ? t('scans.tiff') : t('attachments.error.noPreview');
    return (
      <span className="scan-badge" data-mime={mime}>
        {kind} · {t('scans.page', { n: index + 1 })}
      </span>
    );
  }
  return (
    <span className="scan-thumb" data-rotation={rotation}>
      {thumb ? (
        <img src={thumb.url} alt={label} className={`rot-${rotation}`} />
      ) : (
        <span className="scan-thumb-loading">{t('scans.page', { n: index + 1 })}</span>
      )}
    </span>
  );
}
