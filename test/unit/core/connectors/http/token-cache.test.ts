import { describe, expect, it } from 'vitest';
import {
  TokenCache,
  type IssuedToken,
} from '../../../../../main/core/connectors/http/token-cache.ts';

/** A login that counts its calls and hands out token-1, token-2, … */
function countingLogin(expiresInMs?: number): {
  login: () => Promise<IssuedToken>;
  calls: () => number;
} {
  let calls = 0;
  return {
    login: async () => {
      calls += 1;
      await new Promise((resolve) => setImmediate(resolve));
      return expiresInMs === undefined
        ? { token: `token-${calls}` }
        : { token: `token-${calls}`, expiresInMs };
    },
    calls: () => calls,
  };
}

describe('token cache', () => {
  it('logs in once and hands the same token to later requests', async () => {
    const { login, calls } = countingLogin();
    const cache = new TokenCache(login);

    expect(await cache.get()).toEqual({ token: 'token-1', fresh: true });
    expect(await cache.get()).toEqual({ token: 'token-1', fresh: false });
    expect(calls()).toBe(1);
  });

  it('makes requests that start together share a single login', async () => {
    const { login, calls } = countingLogin();
    const cache = new TokenCache(login);

    const tokens = await Promise.all([cache.get(), cache.get(), cache.get()]);

    expect(tokens.map((t) => t.token)).toEqual(['token-1', 'token-1', 'token-1']);
    expect(calls()).toBe(1);
  });

  it('logs in again after a refused token is invalidated', async () => {
    const { login, calls } = countingLogin();
    const cache = new TokenCache(login);
    const first = await cache.get();

    cache.invalidate(first.token);

    expect(await cache.get()).toEqual({ token: 'token-2', fresh: true });
    expect(calls()).toBe(2);
  });

  it('keeps a newer token when an older one is reported refused', async () => {
    const { login } = countingLogin();
    const cache = new TokenCache(login);
    await cache.get();
    cache.invalidate('token-1');
    await cache.get();

    cache.invalidate('token-1');

    expect(await cache.get()).toEqual({ token: 'token-2', fresh: false });
  });

  it('renews a token that the platform said would expire, before it does', async () => {
    let now = 0;
    const { login, calls } = countingLogin(1_800_000);
    const cache = new TokenCache(login, { now: () => now, renewEarlyMs: 30_000 });
    await cache.get();

    now = 1_700_000;
    expect((await cache.get()).token).toBe('token-1');
    now = 1_780_000;
    expect((await cache.get()).token).toBe('token-2');
    expect(calls()).toBe(2);
  });

  it('does not keep a failed login: the next request tries again', async () => {
    let calls = 0;
    const cache = new TokenCache(async () => {
      calls += 1;
      if (calls === 1) throw new Error('platform down');
      return { token: 'token-after-outage' };
    });

    await expect(cache.get()).rejects.toThrow('platform down');
    expect((await cache.get()).token).toBe('token-after-outage');
  });

  it('lets one caller give up waiting without cancelling the login the others share', async () => {
    const { login } = countingLogin();
    const cache = new TokenCache(login);
    const controller = new AbortController();

    const impatient = cache.get(controller.signal);
    const patient = cache.get();
    controller.abort(new Error('stopped by the user'));

    await expect(impatient).rejects.toThrow('stopped by the user');
    expect((await patient).token).toBe('token-1');
  });
});
