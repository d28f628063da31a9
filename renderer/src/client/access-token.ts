/** Where the token is kept for this tab: it survives a reload, not the tab. */
export const TOKEN_STORAGE_KEY = 'call-courier.token';

/** The parts of the page the token handover touches (window.location, sessionStorage, history). */
export interface TokenPlaces {
  readonly location: { readonly pathname: string; readonly search: string; readonly hash: string };
  readonly storage: {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
  };
  readonly history: { replaceState(data: unknown, unused: string, url: string): void };
}

/**
 * The local API's access token. A fresh one in the address fragment (`#token=…`, as the CLI prints
 * it) is kept in session storage and removed from the address bar, so it is not left on screen,
 * in bookmarks or in the history; otherwise the token kept earlier in this tab; null when neither.
 */
export function takeAccessToken(places: TokenPlaces): string | null {
  const fragment = new URLSearchParams(places.location.hash.replace(/^#/, ''));
  const fresh = fragment.get('token');
  if (fresh !== null && fresh !== '') {
    places.storage.setItem(TOKEN_STORAGE_KEY, fresh);
    fragment.delete('token');
    const rest = fragment.toString();
    places.history.replaceState(
      null,
      '',
      `${places.location.pathname}${places.location.search}${rest ? `#${rest}` : ''}`,
    );
    return fresh;
  }
  const kept = places.storage.getItem(TOKEN_STORAGE_KEY);
  return kept === null || kept === '' ? null : kept;
}
