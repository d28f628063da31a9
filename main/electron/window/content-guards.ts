/**
 * Electron glue: the rules every page of the app lives under. No navigation away from app://,
 * no new windows (links to a platform open in the person's browser), no webviews, no
 * permissions (camera, notifications, …), no downloads.
 */
import { shell, type Session, type WebContents } from 'electron';
import { externalLink, mayNavigate } from './navigation-policy.ts';

/** Applies the rules to one page (call it from app 'web-contents-created'). */
export function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    const link = externalLink(url);
    if (link) void shell.openExternal(link);
    return { action: 'deny' };
  });
}

/** Refuses every permission request and check, and every download, in a session. */
export function guardSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}
