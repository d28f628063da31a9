import { networkInterfaces } from 'node:os';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const WILDCARD = new Set(['0.0.0.0', '::', '']);

/** A host as it appears in a Host header or URL: IPv6 addresses in brackets. */
export function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** The address a browser on this machine uses to reach a server bound to `host`. */
export function localUrl(host: string, port: number): string {
  const reachable = host === '::' ? '::1' : WILDCARD.has(host) ? '127.0.0.1' : host;
  return `http://${hostForUrl(reachable)}:${port}`;
}

/**
 * The Host header values this instance answers to (DNS-rebinding guard), lower case: the bound
 * host, plus the loopback names when bound to loopback, plus this machine's interface addresses
 * when bound to every interface (0.0.0.0 or ::).
 */
export function allowedHosts(host: string, port: number): ReadonlySet<string> {
  const names = new Set<string>([host.toLowerCase()]);
  if (LOOPBACK.has(host) || WILDCARD.has(host)) for (const name of LOOPBACK) names.add(name);
  if (WILDCARD.has(host)) {
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) names.add(address.address.toLowerCase());
    }
  }
  const allowed = new Set<string>();
  for (const name of names) {
    if (WILDCARD.has(name)) continue;
    allowed.add(`${hostForUrl(name)}:${port}`);
    if (port === 80) allowed.add(hostForUrl(name));
  }
  return allowed;
}
