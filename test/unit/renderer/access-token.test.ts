import { describe, expect, it } from 'vitest';
import {
  TOKEN_STORAGE_KEY,
  takeAccessToken,
  type TokenPlaces,
} from '../../../renderer/src/client/access-token.ts';

/** A page at `address`, with its session storage and the addresses history.replaceState set. */
function page(address: string, stored: Record<string, string> = {}) {
  const url = new URL(address);
  const storage = new Map(Object.entries(stored));
  const replaced: string[] = [];
  const places: TokenPlaces = {
    location: { pathname: url.pathname, search: url.search, hash: url.hash },
    storage: {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => void storage.set(key, value),
    },
    history: { replaceState: (_data, _unused, to) => void replaced.push(to) },
  };
  return { places, storage, replaced };
}

describe('the access key handed over in the address', () => {
  it('is taken from the fragment, kept for the tab, and removed from the address bar', () => {
    const { places, storage, replaced } = page('http://127.0.0.1:8490/#token=abc%2F123');
    expect(takeAccessToken(places)).toBe('abc/123');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('abc/123');
    expect(replaced).toEqual(['/']);
  });

  it('keeps the rest of the address when it removes the key', () => {
    const { places, replaced } = page('http://127.0.0.1:8490/ui/?lang=en#token=abc&view=problems');
    expect(takeAccessToken(places)).toBe('abc');
    expect(replaced).toEqual(['/ui/?lang=en#view=problems']);
  });

  it('survives a reload of the tab: the key kept earlier is used when the address has none', () => {
    const { places, replaced } = page('http://127.0.0.1:8490/#/problems', {
      [TOKEN_STORAGE_KEY]: 'kept',
    });
    expect(takeAccessToken(places)).toBe('kept');
    expect(replaced).toEqual([]);
  });

  it('prefers a fresh key in the address over an old one kept in the tab', () => {
    const { places, storage } = page('http://127.0.0.1:8490/#token=fresh', {
      [TOKEN_STORAGE_KEY]: 'old',
    });
    expect(takeAccessToken(places)).toBe('fresh');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('fresh');
  });

  it('is missing when neither the address nor the tab has one', () => {
    expect(takeAccessToken(page('http://127.0.0.1:8490/').places)).toBeNull();
    expect(takeAccessToken(page('http://127.0.0.1:8490/#token=').places)).toBeNull();
  });
});
