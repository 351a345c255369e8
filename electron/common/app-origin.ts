/**
 * The app's own origin. The renderer is served from `app://counterdesk/` (a privileged,
 * standard, secure custom scheme), never from `file://`: a file:// page shares its origin
 * with every file on disk, ours shares it with nothing (Electron security checklist 18).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'counterdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True when `url` is on our origin. Compared by parts rather than `URL#origin`: for a
 * non-special scheme Node's URL reports origin "null", and a credential or port in the
 * URL must not sneak past a prefix comparison (`app://counterdesk@evil`).
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}
