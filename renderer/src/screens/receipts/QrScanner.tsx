import { useEffect, useId, useRef } from 'react';
import { Html5Qrcode, Html5QrcodeSupportedFormats } from 'html5-qrcode';
import { installBarcodeDetector } from '../../components/qr-read/install-barcode-detector';

/**
 * Reads one QR code from the camera (html5-qrcode, with its BarcodeDetector path decoding in our
 * worker: components/qr-read), then stops the camera. No `qrbox`:
 * a scan box smaller than the code in frame never decodes, and a receipt is held close.
 */
export function QrScanner({ onResult, onError, label }: { onResult: (text: string) => void; onError: () => void; label: string }) {
  const elementId = `qr-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const done = useRef(false);
  // The callbacks change with every render; the scanner is started once.
  const latest = useRef({ onResult, onError });
  latest.current = { onResult, onError };

  useEffect(() => {
    installBarcodeDetector();
    const scanner = new Html5Qrcode(elementId, {
      verbose: false,
      formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE],
      useBarCodeDetectorIfSupported: true,
    });
    let started = false;
    let stopped = false;
    const stop = async () => {
      if (!started || stopped) return;
      stopped = true;
      await scanner.stop().catch(() => undefined);
    };
    scanner
      .start(
        { facingMode: 'environment' },
        { fps: 10 },
        (text) => {
          if (done.current) return;
          done.current = true;
          // The result first: stopping the camera is html5-qrcode's business and may be slow.
          latest.current.onResult(text);
          void stop();
        },
        () => undefined, // no code in this frame: keep looking
      )
      .then(() => {
        started = true;
        if (done.current) void stop();
      })
      .catch(() => latest.current.onError());
    return () => {
      done.current = true;
      void stop();
    };
  }, [elementId]);

  return <div id={elementId} className="qr-reader" role="group" aria-label={label} />;
}
