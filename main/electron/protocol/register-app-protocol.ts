/** Electron glue: the app:// scheme the UI is served from. */
import { protocol } from 'electron';
import { serveAppRequest } from './app-files.ts';
import { APP_SCHEME } from './app-url.ts';

/**
 * Declares app:// a standard, secure scheme (its own origin, a secure context, fetch allowed).
 * Must run before the app is ready. Not `bypassCSP`, and not `corsEnabled` (which would let
 * other origins read it): the UI's module scripts are same-origin requests and need neither.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ]);
}

/** Serves app://courier/… from the built UI folder. Call once the app is ready. */
export function handleAppProtocol(uiRoot: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, uiRoot));
}
