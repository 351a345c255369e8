import { useEffect, useId, useRef, useState } from 'react';
import { Html5Qrcode, Html5QrcodeSupportedFormats, type CameraDevice } from 'html5-qrcode';
import { useT } from '../../i18n/locale-store';
import { installBarcodeDetector } from '../../components/qr-read/install-barcode-detector';

/** The camera the clerk chose last on this workstation (a counter has a webcam and maybe a document camera). */
export const CAMERA_CHOICE_KEY = 'counterdesk.securityCode.cameraId';

function rememberedCamera(): string | null {
  try {
    return localStorage.getItem(CAMERA_CHOICE_KEY);
  } catch {
    return null;
  }
}

type CameraState = 'starting' | 'live' | 'failed';

/**
 * Reads one QR code from the camera (html5-qrcode with its BarcodeDetector path on, decoding in
 * our ZXing-C++ worker: components/qr-read), then stops. No `qrbox`: a scan box smaller than the code never decodes,
 * and a phone is held close. `onResult` gets the text and the time of the frame that held it.
 */
export function QrCamera({ onResult, label }: { onResult: (text: string, at: number) => void; label: string }) {
  const t = useT();
  const elementId = `sc-qr-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const [cameras, setCameras] = useState<CameraDevice[]>([]);
  const [cameraId, setCameraId] = useState<string | null>(rememberedCamera);
  const [state, setState] = useState<CameraState>('starting');
  const [torch, setTorch] = useState<{ supported: boolean; on: boolean }>({ supported: false, on: false });
  const scannerRef = useRef<Html5Qrcode | null>(null);
  const latest = useRef(onResult);
  latest.current = onResult;

  useEffect(() => {
    installBarcodeDetector();
    let cancelled = false;
    Html5Qrcode.getCameras()
      .then((list) => {
        if (cancelled) return;
        setCameras(list);
        // A remembered camera that is gone (unplugged) falls back to the first one.
        setCameraId((id) => (id && list.some((c) => c.id === id) ? id : (list[0]?.id ?? null)));
        if (list.length === 0) setState('failed');
      })
      .catch(() => !cancelled && setState('failed'));
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (!cameraId) return;
    const scanner = new Html5Qrcode(elementId, {
      verbose: false,
      formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE],
      useBarCodeDetectorIfSupported: true,
    });
    scannerRef.current = scanner;
    let done = false;
    let started = false;
    let stopped = false;
    const stop = async () => {
      if (!started || stopped) return;
      stopped = true;
      await scanner.stop().catch(() => undefined);
    };
    setState('starting');
    scanner
      .start(
        { deviceId: { exact: cameraId } },
        { fps: 10 },
        (text) => {
          if (done) return;
          done = true;
          latest.current(text, performance.now());
          void stop();
        },
        () => undefined, // no code in this frame: keep looking
      )
      .then(() => {
        started = true;
        if (done) return void stop();
        setState('live');
        try {
          const feature = scanner.getRunningTrackCameraCapabilities().torchFeature();
          setTorch({ supported: feature.isSupported(), on: feature.value() === true });
        } catch {
          setTorch({ supported: false, on: false });
        }
      })
      .catch(() => setState('failed'));
    return () => {
      done = true;
      scannerRef.current = null;
      void stop();
    };
  }, [elementId, cameraId]);

  function chooseCamera(id: string) {
    setCameraId(id);
    try {
      localStorage.setItem(CAMERA_CHOICE_KEY, id);
    } catch {
      // storage full or disabled: the choice holds for this screen only
    }
  }

  async function toggleTorch() {
    const feature = scannerRef.current?.getRunningTrackCameraCapabilities().torchFeature();
    if (!feature) return;
    await feature.apply(!torch.on).catch(() => undefined);
    setTorch({ supported: true, on: feature.value() === true });
  }

  return (
    <div className="sc-camera">
      {cameras.length > 1 && (
        <label>
          {t('scui.camera.choose')}
          <select value={cameraId ?? ''} onChange={(e) => chooseCamera(e.target.value)}>
            {cameras.map((c, i) => (
              <option key={c.id} value={c.id}>
                {c.label || t('scui.camera.unnamed', { n: i + 1 })}
              </option>
            ))}
          </select>
        </label>
      )}
      {torch.supported && (
        <button type="button" aria-pressed={torch.on} onClick={() => void toggleTorch()}>
          {t('scui.camera.torch')}
        </button>
      )}
      {state === 'starting' && <p role="status">{t('scui.camera.starting')}</p>}
      {state === 'failed' && <p role="alert">{t('scui.camera.failed')}</p>}
      <div id={elementId} className="qr-reader" role="group" aria-label={label} />
    </div>
  );
}
