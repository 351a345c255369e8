import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The receipt font ships with the app (resources/fonts, Noto Sans TC, SIL OFL 1.1): it
// covers Traditional Chinese, Portuguese accents and Latin, and no counter PC's system
// fonts are ever used. pdfkit embeds only the glyphs a receipt uses (subset).

export const RECEIPT_FONT_FILES = { regular: 'NotoSansTC_400Regular.ttf', bold: 'NotoSansTC_700Bold.ttf' } as const;

export interface ReceiptFonts {
  regular: Buffer;
  bold: Buffer;
}

/** resources/fonts of this checkout; a packaged app passes its own resources path instead. */
export function defaultReceiptFontDirectory(): string {
  return fileURLToPath(new URL('../../resources/fonts/', import.meta.url));
}

const cache = new Map<string, ReceiptFonts>();

/** Read once per process: the files are ~7 MB each, parsing is lazy and cheap. */
export function loadReceiptFonts(directory: string = defaultReceiptFontDirectory()): ReceiptFonts {
  const cached = cache.get(directory);
  if (cached) return cached;
  const read = (file: string) => {
    const path = join(directory, file);
    if (!existsSync(path)) throw new Error(`receipt font missing: ${path} (copy it from @expo-google-fonts/noto-sans-tc)`);
    return readFileSync(path);
  };
  const fonts = { regular: read(RECEIPT_FONT_FILES.regular), bold: read(RECEIPT_FONT_FILES.bold) };
  cache.set(directory, fonts);
  return fonts;
}

/** For the benchmark's cold run: the next receipt reads the font files again. */
export function forgetReceiptFonts(): void {
  cache.clear();
}
