/** The address the window's UI is served at: `app://courier/…`, never `file://` or the network. */

/** The custom scheme the UI is served under (registered as privileged before the app is ready). */
export const APP_SCHEME = 'app';

/** The one host of that scheme. */
export const APP_HOST = 'courier';

/** The page the window opens. */
export const APP_START_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Whether an address is one of the UI's own pages (app://courier/…). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
