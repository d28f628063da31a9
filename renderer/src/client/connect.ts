import type { CourierBridge } from '../../../preload/desktop-api.ts';
import { routeHref, routeOfDesktopView } from '../app/routes.ts';
import { takeAccessToken } from './access-token.ts';
import type { Courier, LinkMonitor, ShellAbilities } from './courier-client.ts';
import { createHttpClient } from './http-client.ts';

declare global {
  interface Window {
    /** The bridge the desktop app's preload script exposes; absent in a browser. */
    readonly courier?: CourierBridge;
  }
}

/** What the window says when it was opened in a browser without its access key. */
export const NO_TOKEN =
  'This page needs its access key. Open Call Courier from the address the service printed when it started (it ends with #token=…).';

const ALWAYS_CONNECTED: LinkMonitor = { state: 'connected', onState: () => () => {} };

/**
 * Connects the window to the service: through `window.courier` inside the desktop app (whose
 * requests to show a view move the address fragment), otherwise over HTTP to the page's own
 * origin with the token from the address (see takeAccessToken). Answers the words to show
 * instead when there is no token.
 */
export function connectCourier(): Courier | { readonly problem: string } {
  const bridge = window.courier;
  if (bridge) {
    bridge.onNavigate?.((view) => {
      const route = routeOfDesktopView(view);
      window.location.hash = routeHref(route.view, route.param);
    });
    return { client: bridge, link: ALWAYS_CONNECTED, shell: shellOf(bridge), transport: 'ipc' };
  }
  const token = takeAccessToken({
    location: window.location,
    storage: window.sessionStorage,
    history: window.history,
  });
  if (token === null) return { problem: NO_TOKEN };
  const { client, link } = createHttpClient({ baseUrl: '', token });
  return { client, link, shell: {}, transport: 'http' };
}

/** The desktop extras the bridge has, each bound to it. */
function shellOf(bridge: CourierBridge): ShellAbilities {
  const abilities: Record<string, unknown> = {};
  for (const name of [
    'chooseFolder',
    'showFile',
    'openRecordingsFolder',
    'getStartAtLogin',
    'setStartAtLogin',
    'saveDiagnostics',
  ] as const) {
    const ability = bridge[name];
    if (typeof ability === 'function') abilities[name] = ability.bind(bridge);
  }
  return abilities as ShellAbilities;
}
