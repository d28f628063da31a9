import { networkInterfaces } from 'node:os';
import { hostForUrl, isWildcardHost, type InterfaceList } from './host-names.ts';

/** This machine's IPv4 addresses on the local network (no loopback), in interface order. */
export function lanIpv4Addresses(interfaces: InterfaceList = networkInterfaces()): string[] {
  const found: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const address of list ?? []) {
      if (address.family !== 'IPv4' || address.internal) continue;
      if (address.address.startsWith('169.254.')) continue; // link-local: no DHCP answered
      if (!found.includes(address.address)) found.push(address.address);
    }
  }
  return found;
}

/**
 * The addresses other computers use to reach a server bound to `host`:`port`, e.g.
 * ["https://192.168.1.23:8490"]: one per LAN IPv4 address when bound to every interface,
 * otherwise the bound address itself.
 */
export function monitoringAddresses(
  host: string,
  port: number,
  secure: boolean,
  interfaces?: InterfaceList,
): string[] {
  const scheme = secure ? 'https' : 'http';
  const hosts = isWildcardHost(host) ? lanIpv4Addresses(interfaces) : [host];
  return hosts.map((name) => `${scheme}://${hostForUrl(name)}:${port}`);
}
