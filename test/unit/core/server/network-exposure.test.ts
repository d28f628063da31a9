import { describe, expect, it } from 'vitest';
import { isLoopbackHost, networkWarning } from '../../../../main/core/server/network-exposure.ts';

describe('listening on the network', () => {
  it.each(['127.0.0.1', '127.8.9.10', '::1', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1'])(
    'counts %s as this machine only',
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
      expect(networkWarning(host, 8490)).toBeNull();
    },
  );

  it.each(['0.0.0.0', '::', '192.168.1.20', 'fe80::1', 'courier.office.lan', '128.0.0.1'])(
    'warns loudly that %s makes the API reachable from the network, over plain HTTP',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
      const warning = networkWarning(host, 8490) ?? '';
      expect(warning).toMatch(/^!!! WARNING: the Call Courier API is reachable from the network/);
      expect(warning).toContain(host.includes(':') ? `[${host}]:8490` : `${host}:8490`);
      expect(warning).toContain('Traffic is plain HTTP, not encrypted');
      expect(warning).toContain('--tls-cert FILE --tls-key FILE');
      expect(warning).toContain('monitor token (monitor-token)');
    },
  );

  it('with HTTPS, still warns that the API is reachable but no longer says it is unencrypted', () => {
    const warning = networkWarning('0.0.0.0', 8490, true) ?? '';
    expect(warning).toMatch(/^!!! WARNING: the Call Courier API is reachable from the network/);
    expect(warning).toContain('Traffic is encrypted (HTTPS');
    expect(warning).not.toContain('not encrypted');
  });
});
