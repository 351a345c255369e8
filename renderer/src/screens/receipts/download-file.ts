/**
 * Hands a PDF to the browser as a download (harness; or Electron without a printer). An
 * anchor with `download` on a Blob URL: the CSP forbids blob: in frames and objects, so the
 * PDF is never shown inline, and nothing else is needed.
 */
export function downloadPdf(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
