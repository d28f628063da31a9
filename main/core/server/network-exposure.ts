import { isIPv4 } from 'node:net';
import { hostForUrl } from './host-names.ts';

/** Whether a listen address is reachable from this machine only (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^::ffff:/, '');
  if (name === 'localhost' || name === '::1') return true;
  return isIPv4(name) && name.startsWith('127.');
}

/**
 * The loud warning `call-courier run` prints when the API listens on the network (a non-loopback
 * --listen), or null when it listens on this machine only. `secure` says whether it serves HTTPS.
 */
export function networkWarning(host: string, port: number, secure = false): string | null {
  if (isLoopbackHost(host)) return null;
  const where = `${hostForUrl(host)}:${port}`;
  return [
    '!!! WARNING: the Call Courier API is reachable from the network !!!',
    `It listens on ${where}: other computers can reach it, and every call needs a token.`,
    'The admin token (api-token) can change settings and secrets and retry or skip recordings;',
    'the monitor token (monitor-token) can read status, recordings, events and metrics.',
    ...(secure
      ? [
          'Traffic is encrypted (HTTPS with the certificate given). Give the admin token to no one',
          "who only watches; open the port in the firewall for the supervisors' computers only.",
        ]
      : [
          'Traffic is plain HTTP, not encrypted: anyone on the network can read the tokens and',
          "recordings' details. Use this only on a trusted network; HTTPS is recommended: give",
          '--tls-cert FILE --tls-key FILE. Listen on 127.0.0.1 to stop this.',
        ]),
  ].join('\n');
}
