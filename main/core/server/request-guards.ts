import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-answers.ts';

/** Refuses (421) a Host header this instance does not listen as: a DNS-rebinding page would send its own. */
export function checkHost(req: IncomingMessage, allowed: ReadonlySet<string>): void {
  const host = req.headers.host?.toLowerCase();
  if (host && allowed.has(host)) return;
  throw new HttpError(
    421,
    host
      ? `this server does not answer to the host name "${host}"`
      : 'the request has no Host header',
  );
}

/** Whether the method changes state (and so must come from this instance's own pages or a non-browser client). */
export function changesState(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD';
}

/**
 * Refuses (403) a request a browser made on behalf of another site: an Origin other than this
 * instance's own, or Sec-Fetch-Site cross-site / same-site. Clients that send neither pass.
 */
export function checkSameOrigin(req: IncomingMessage, scheme: 'http' | 'https' = 'http'): void {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    throw new HttpError(403, 'requests from other sites are refused');
  }
  const origin = req.headers.origin;
  if (origin === undefined) return;
  if (origin.toLowerCase() !== `${scheme}://${req.headers.host?.toLowerCase()}`) {
    throw new HttpError(403, `requests from ${origin} are refused`);
  }
}
