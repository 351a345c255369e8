import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/locale-store';

type CameraState = 'starting' | 'live' | 'denied' | 'unavailable';

/**
 * Document camera / webcam capture (getUserMedia). The still is encoded as JPEG in the
 * renderer and handed to the caller as bytes, which then go through the same upload and
 * byte-sniffing checks as any other scan.
 */
export function CameraCapture({ onCapture, onClose }: { onCapture: (jpeg: Uint8Array) => void; onClose: () => void }) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const shoot = useRef<HTMLButtonElement>(null);
  const [state, setState] = useState<CameraState>('starting');
  const [shooting, setShooting] = useState(false);

  // Keyboard first: once the picture is live, Enter takes it.
  useEffect(() => {
    if (state === 'live') shoot.current?.focus();
  }, [state]);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let cancelled = false;
    navigator.mediaDevices
      ?.getUserMedia({ video: { width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false })
      .then((s) => {
        if (cancelled) return s.getTracks().forEach((tr) => tr.stop());
        stream = s;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play().catch(() => undefined);
        }
        setState('live');
      })
      .catch((e: unknown) => setState(e instanceof DOMException && e.name === 'NotAllowedError' ? 'denied' : 'unavailable'));
    if (!navigator.mediaDevices) setState('unavailable');
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, []);

  function capture() {
    const v = video.current;
    if (!v || v.videoWidth === 0 || shooting) return;
    setShooting(true);
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob(
      (blob) => {
        if (blob) void blob.arrayBuffer().then((buf) => onCapture(new Uint8Array(buf)));
        else setShooting(false);
      },
      'image/jpeg',
      0.9,
    );
  }

  return (
    <div
      className="camera-capture"
      role="group"
      aria-label={t('camera.title')}
      onKeyDown={(e) => {
        // Escape closes the camera only, not the screen behind it (its shortcut is on window).
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        e.preventDefault();
        onClose();
      }}
    >
      {state === 'denied' && <p role="alert">{t('camera.denied')}</p>}
      {state === 'unavailable' && <p role="alert">{t('camera.unavailable')}</p>}
      <video ref={video} muted playsInline aria-label={t('camera.preview')} hidden={state !== 'live'} />
      <div className="actions">
        <button type="button" ref={shoot} onClick={capture} disabled={state !== 'live' || shooting}>
          {t('camera.capture')}
        </button>
        <button type="button" onClick={onClose}>
          {t('camera.close')}
        </button>
      </div>
    </div>
  );
}
