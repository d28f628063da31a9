import { createRequire } from 'node:module';
import type * as Undici from 'undici';

/** The parts of undici that Call Courier uses. */
export interface UndiciParts {
  readonly Agent: typeof Undici.Agent;
  readonly EnvHttpProxyAgent: typeof Undici.EnvHttpProxyAgent;
  readonly request: Request;
}

/** undici's request(url, options) for a URL (as undici's own, `dispatcher` or its global one). */
type Request = (
  url: string | URL,
  options: NonNullable<Parameters<typeof Undici.request>[1]>,
) => Promise<Undici.Dispatcher.ResponseData>;

let loaded: UndiciParts | undefined;

/**
 * undici's connection pools and its request(), loaded by the first HTTP request rather than
 * at start, which a service delivering over SFTP only, or with nothing to send, does without.
 *
 * Only the modules they are made of: undici's index also loads fetch, WebSocket, its caches,
 * mocks and cookies, ~60 ms on the service's thread just before the first upload against
 * ~28 ms for these (2-core machine, compile cache warm). The paths are undici's own files
 * (it declares no `exports`, so they are open to require); the pinned version is what the
 * HTTP tests run against.
 */
export function undici(): Promise<UndiciParts> {
  loaded ??= loadParts();
  return Promise.resolve(loaded);
}

function loadParts(): UndiciParts {
  const require = createRequire(import.meta.url);
  const Dispatcher = require('undici/lib/dispatcher/dispatcher.js') as typeof Undici.Dispatcher;
  // What undici's index does: request(), stream() and the rest become methods of every pool.
  Object.assign(Dispatcher.prototype, require('undici/lib/api/index.js') as object);
  const { getGlobalDispatcher } = require('undici/lib/global.js') as typeof Undici;
  const request: Request = (url, options) => {
    const { dispatcher = getGlobalDispatcher(), ...rest } = options;
    const target = new URL(url);
    return dispatcher.request({
      ...rest,
      origin: target.origin,
      path: `${target.pathname}${target.search}`,
      // As undici's own request(): a body without a method is a PUT.
      method: rest.method ?? (rest.body == null ? 'GET' : 'PUT'),
    } as Undici.Dispatcher.RequestOptions);
  };
  return {
    Agent: require('undici/lib/dispatcher/agent.js') as typeof Undici.Agent,
    EnvHttpProxyAgent:
      require('undici/lib/dispatcher/env-http-proxy-agent.js') as typeof Undici.EnvHttpProxyAgent,
    request,
  };
}
