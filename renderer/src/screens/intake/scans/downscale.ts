/** Longest side of a thumbnail in the scan lists, in pixels. */
export const THUMB_MAX_PX = 240;

/**
 * A thumbnail-sized JPEG of a scanned image (issue 13 item 10: a thumbnail was the full scan,
 * decoded at full size on the UI thread for every page in the list). Decoding and scaling run
 * in the browser's image decoder (createImageBitmap) and the encoding in convertToBlob, both off
 * the UI thread; the core only sends images up to its preview limit. null: the image is small
 * already, or this renderer cannot scale off the UI thread (then the caller shows it as it is).
 */
export async function downscaleImage(bytes: Uint8Array, mime: string, maxPx = THUMB_MAX_PX): Promise<Blob | null> {
  if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function') return null;
  const full = await createImageBitmap(new Blob([bytes as BlobPart], { type: mime }));
  try {
    const longest = Math.max(full.width, full.height);
    if (longest <= maxPx) return null;
    const scale = maxPx / longest;
    const width = Math.max(1, Math.round(full.width * scale));
    const height = Math.max(1, Math.round(full.height * scale));
    const small = await createImageBitmap(full, { resizeWidth: width, resizeHeight: height, resizeQuality: 'medium' });
    try {
      const canvas = new OffscreenCanvas(width, height);
      canvas.getContext('2d')?.drawImage(small, 0, 0);
      return await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
    } finally {
      small.close();
    }
  } finally {
    full.close();
  }
}
