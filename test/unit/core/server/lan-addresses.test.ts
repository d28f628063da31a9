import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { allowedHosts, type InterfaceList } from '../../../../main/core/server/host-names.ts';
import {
  lanIpv4Addresses,
  monitoringAddresses,
} from '../../../../main/core/server/lan-addresses.ts';

const entry = (address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo =>
  ({
    address,
    family,
    internal,
    netmask: family === 'IPv4' ? '255.255.255.0' : 'ffff:ffff:ffff:ffff::',
    mac: '00:00:00:00:00:00',
    cidr: null,
    ...(family === 'IPv6' && { scopeid: 0 }),
  }) as NetworkInterfaceInfo;

/** A workstation with loopback, wired and Wi-Fi networks, and an adapter that got no DHCP answer. */
const OFFICE_PC: InterfaceList = {
  lo: [entry('127.0.0.1', 'IPv4', true), entry('::1', 'IPv6', true)],
  eth0: [entry('192.168.1.23', 'IPv4'), entry('fe80::1c2b:3cff:fe4d:5e6f', 'IPv6')],
  wlan0: [entry('10.0.5.7', 'IPv4')],
  usb0: [entry('169.254.10.20', 'IPv4')],
};

describe('the addresses supervisor monitoring shows', () => {
  it("lists the machine's LAN IPv4 addresses, not loopback, IPv6 or self-assigned ones", () => {
    expect(lanIpv4Addresses(OFFICE_PC)).toEqual(['192.168.1.23', '10.0.5.7']);
  });

  it('bound to every interface, gives one address per network, with https:// when secure', () => {
    expect(monitoringAddresses('0.0.0.0', 8490, false, OFFICE_PC)).toEqual([
      'http://192.168.1.23:8490',
      'http://10.0.5.7:8490',
    ]);
    expect(monitoringAddresses('0.0.0.0', 8490, true, OFFICE_PC)).toEqual([
      'https://192.168.1.23:8490',
      'https://10.0.5.7:8490',
    ]);
  });

  it('bound to one address, gives that address', () => {
    expect(monitoringAddresses('192.168.1.23', 9000, true, OFFICE_PC)).toEqual([
      'https://192.168.1.23:9000',
    ]);
  });
});

describe('the host names a network listener answers to', () => {
  const machine = { interfaces: OFFICE_PC, hostName: 'Agent-07' };

  it("bound to every interface, accepts the machine's LAN addresses and its own name", () => {
    const hosts = allowedHosts('0.0.0.0', 8490, true, machine);
    for (const host of [
      '192.168.1.23:8490',
      '10.0.5.7:8490',
      'agent-07:8490',
      'agent-07.local:8490',
      '127.0.0.1:8490',
      'localhost:8490',
    ]) {
      expect(hosts.has(host), host).toBe(true);
    }
  });

  it('refuses look-alike names a DNS-rebinding page would send, and other ports', () => {
    const hosts = allowedHosts('0.0.0.0', 8490, true, machine);
    for (const host of [
      '192.168.1.23.evil.example:8490',
      'agent-07.evil.example:8490',
      'evil-agent-07:8490',
      'agent-07.local.evil.example:8490',
      '192.168.1.24:8490',
      '192.168.1.23:8491',
      '192.168.1.23',
      'evil.example:8490',
    ]) {
      expect(hosts.has(host), host).toBe(false);
    }
  });

  it('on port 443 with HTTPS, also accepts the names without a port', () => {
    const hosts = allowedHosts('0.0.0.0', 443, true, machine);
    expect(hosts.has('192.168.1.23')).toBe(true);
    expect(hosts.has('agent-07')).toBe(true);
    expect(allowedHosts('0.0.0.0', 443, false, machine).has('192.168.1.23')).toBe(false);
  });

  it("listening on loopback only, does not answer to the machine's network name", () => {
    const hosts = allowedHosts('127.0.0.1', 8490, false, machine);
    expect(hosts.has('127.0.0.1:8490')).toBe(true);
    expect(hosts.has('agent-07:8490')).toBe(false);
    expect(hosts.has('192.168.1.23:8490')).toBe(false);
  });
});
