import { hostname, networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const WILDCARD = new Set(['0.0.0.0', '::', '']);

/** This machine's network interfaces, as os.networkInterfaces() lists them (tests give their own). */
export type InterfaceList = NodeJS.Dict<readonly NetworkInterfaceInfo[]>;

/** What this machine is called and which addresses it has; the real ones by default. */
export interface MachineNames {
  readonly interfaces?: InterfaceList;
  readonly hostName?: string;
}

/** Whether a listen address means every interface (0.0.0.0 or ::). */
export function isWildcardHost(host: string): boolean {
  return WILDCARD.has(host);
}

/** A host as it appears in a Host header or URL: IPv6 addresses in brackets. */
export function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** The address a browser on this machine uses to reach a server bound to `host`. */
export function localUrl(host: string, port: number, secure = false): string {
  const reachable = host === '::' ? '::1' : WILDCARD.has(host) ? '127.0.0.1' : host;
  return `${secure ? 'https' : 'http'}://${hostForUrl(reachable)}:${port}`;
}

/**
 * The Host header values this instance answers to (DNS-rebinding guard), lower case: the bound
 * host, plus the loopback names when bound to loopback, plus this machine's interface addresses
 * when bound to every interface (0.0.0.0 or ::), plus this machine's own name (and its .local
 * mDNS name) when reachable from the network. Only exact names match: "192.168.1.20.evil.example"
 * or "courier-pc.evil.example" do not.
 */
export function allowedHosts(
  host: string,
  port: number,
  secure = false,
  machine: MachineNames = {},
): ReadonlySet<string> {
  const names = new Set<string>([host.toLowerCase()]);
  if (LOOPBACK.has(host) || WILDCARD.has(host)) for (const name of LOOPBACK) names.add(name);
  if (WILDCARD.has(host)) {
    for (const addresses of Object.values(machine.interfaces ?? networkInterfaces())) {
      for (const address of addresses ?? []) names.add(address.address.toLowerCase());
    }
  }
  if (!LOOPBACK.has(host) && !host.startsWith('127.')) {
    const own = (machine.hostName ?? hostname()).toLowerCase();
    if (own !== '') names.add(own);
    if (own !== '' && !own.includes('.')) names.add(`${own}.local`);
  }
  const defaultPort = secure ? 443 : 80;
  const allowed = new Set<string>();
  for (const name of names) {
    if (WILDCARD.has(name)) continue;
    allowed.add(`${hostForUrl(name)}:${port}`);
    if (port === defaultPort) allowed.add(hostForUrl(name));
  }
  return allowed;
}
