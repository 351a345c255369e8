import { isAppUrl } from '../common/app-origin';

/**
 * Web permissions (Electron security checklist 5). Everything is denied except the camera
 * — `media` with video only — for our own origin in the main frame: the QR scanner and the
 * document capture need it; nothing in the app needs the microphone, notifications,
 * geolocation, clipboard, HID/serial/USB, screen capture or anything else.
 */
export interface PermissionQuery {
  permission: string;
  /** The requesting page's URL or origin. */
  origin: string;
  /** For `media` requests: which devices (`video`, `audio`). */
  mediaTypes?: readonly string[];
  /** False when a sub-frame asks. Unknown (undefined) is treated as the main frame only for checks. */
  isMainFrame?: boolean;
}

export function decidePermission(q: PermissionQuery): boolean {
  if (q.permission !== 'media') return false;
  if (!isAppUrl(q.origin)) return false;
  if (q.isMainFrame === false) return false;
  const types = q.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'video');
}

type PermissionRequestHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl?: string; isMainFrame?: boolean; mediaTypes?: readonly string[] },
) => void;
type PermissionCheckHandler = (
  webContents: unknown,
  permission: string,
  requestingOrigin: string,
  details: { requestingUrl?: string; isMainFrame?: boolean; mediaType?: string; securityOrigin?: string },
) => boolean;

/** The part of Electron's Session the guard needs. */
export interface PermissionSession {
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void;
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void;
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void;
}

export function installPermissionGuard(session: PermissionSession, log: (msg: string) => void = () => {}): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = decidePermission({
      permission,
      origin: details.requestingUrl ?? '',
      mediaTypes: details.mediaTypes,
      isMainFrame: details.isMainFrame,
    });
    if (!granted) log(`permission ${permission} ${JSON.stringify(details.mediaTypes ?? [])} for ${details.requestingUrl ?? '?'} denied`);
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    decidePermission({
      permission,
      origin: requestingOrigin,
      // Chromium asks per device kind (e.g. when listing cameras); 'unknown' is not video.
      mediaTypes: details.mediaType ? [details.mediaType] : [],
      isMainFrame: details.isMainFrame,
    }),
  );
  // WebHID / Web Serial / WebUSB: never.
  session.setDevicePermissionHandler(() => false);
}
