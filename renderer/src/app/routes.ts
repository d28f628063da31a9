import { useSyncExternalStore } from 'react';
import type { DesktopView } from '../../../preload/desktop-api.ts';

/** The window's views. */
export const VIEWS = ['queue', 'problems', 'history', 'settings', 'setup', 'workstations'] as const;
export type ViewName = (typeof VIEWS)[number];

/** Where the window is: a view, and for settings optionally the destination profile to open. */
export interface Route {
  readonly view: ViewName;
  readonly param?: string;
}

/**
 * The route in an address fragment such as `#/problems` or `#/settings/et`; null when the
 * fragment names no view (the window then picks: first-run setup, or the queue).
 */
export function parseRoute(hash: string): Route | null {
  const match = /^#\/([a-z]+)(?:\/([^/?#]+))?\/?$/.exec(hash);
  if (!match) return null;
  const view = VIEWS.find((v) => v === match[1]);
  if (!view) return null;
  const param = match[2] === undefined ? undefined : safeDecode(match[2]);
  return param === undefined ? { view } : { view, param };
}

/** The address fragment of a route: `#/settings/et`. Links and `location.hash` use it. */
export function routeHref(view: ViewName, param?: string): string {
  return param === undefined ? `#/${view}` : `#/${view}/${encodeURIComponent(param)}`;
}

/** The route for a view the desktop app asks for ('problems', 'settings/et', …). */
export function routeOfDesktopView(view: DesktopView): Route {
  const slash = view.indexOf('/');
  if (slash < 0) return { view: view as ViewName };
  return { view: 'settings', param: view.slice(slash + 1) };
}

/** The current route, re-rendering when the address fragment changes. */
export function useRoute(): Route | null {
  const hash = useSyncExternalStore(subscribeHash, readHash);
  return parseRoute(hash);
}

function subscribeHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function readHash(): string {
  return window.location.hash;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
