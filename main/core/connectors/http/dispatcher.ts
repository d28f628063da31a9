import { getCACertificates } from 'node:tls';
import type { Dispatcher } from 'undici';
import { undici } from './undici-module.ts';
import { isLoopbackHost } from './url-policy.ts';

/** How long the HTTP layer waits, in milliseconds. */
export interface HttpTimeouts {
  /** To open a connection (TCP and TLS). */
  readonly connectMs: number;
  /** For the answer's headers once the request has been sent (the platform may be digesting a large file). */
  readonly headersMs: number;
  /** Between two pieces of the answer's body. */
  readonly bodyMs: number;
  /** How long an idle connection is kept for the next request. */
  readonly keepAliveMs: number;
}

/** Timeouts used when a profile does not say otherwise. */
export const DEFAULT_TIMEOUTS: HttpTimeouts = {
  connectMs: 30_000,
  headersMs: 300_000,
  bodyMs: 300_000,
  keepAliveMs: 30_000,
};

/**
 * Timeouts from one idle limit (a profile's timeoutSeconds): no answer, no piece of it and no
 * part of the body taken for that long; connecting never waits longer than the default.
 */
export function idleTimeouts(seconds: number): Partial<HttpTimeouts> {
  const ms = seconds * 1000;
  return { connectMs: Math.min(DEFAULT_TIMEOUTS.connectMs, ms), headersMs: ms, bodyMs: ms };
}

/** What one profile's connection pool is built from. */
export interface DispatcherOptions {
  readonly timeouts?: Partial<HttpTimeouts>;
  /** PEM text of extra CA certificates to trust (an on-premises server's private CA), on top of the usual ones. */
  readonly extraCaCertificates?: string;
}

/**
 * One keep-alive connection pool for one profile's server. Honours HTTPS_PROXY,
 * HTTP_PROXY and NO_PROXY from the environment, except for a server on this computer,
 * which no proxy could reach.
 */
export async function createDispatcher(
  target: URL,
  options: DispatcherOptions = {},
): Promise<Dispatcher> {
  const { Agent, EnvHttpProxyAgent } = await undici();
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const tls =
    options.extraCaCertificates === undefined
      ? {}
      : { ca: [...getCACertificates('default'), options.extraCaCertificates] };
  const pool = {
    connectTimeout: timeouts.connectMs,
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connect: tls,
  };
  if (isLoopbackHost(target.hostname)) return new Agent(pool);
  return new EnvHttpProxyAgent({ ...pool, requestTls: tls, proxyTls: tls });
}
