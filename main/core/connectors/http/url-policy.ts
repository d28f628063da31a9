import { isIP } from 'node:net';
import { ConfigurationError } from '../errors.ts';

/** Whether a URL host names this computer (localhost, 127.0.0.0/8, ::1). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

/**
 * Parses a profile's server address, refusing anything but https:// — except plain
 * http:// to this computer, or anywhere when the profile allows insecure HTTP.
 */
export function checkBaseUrl(raw: string, allowInsecureHttp: boolean, profileId: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigurationError(
      `the server address "${raw}" of profile ${profileId} is not a web address such as https://company.example.com`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new ConfigurationError(
      `the server address of profile ${profileId} must not hold a user name or password: store the password with \`call-courier secret set\``,
    );
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && (allowInsecureHttp || isLoopbackHost(url.hostname))) return url;
  if (url.protocol === 'http:') {
    throw new ConfigurationError(
      `the server address of profile ${profileId} uses plain http://, which would send the credentials unencrypted: use https://, or turn on allowInsecureHttp for this profile`,
    );
  }
  throw new ConfigurationError(
    `the server address of profile ${profileId} must start with https:// (it is ${url.protocol}//…)`,
  );
}

/** The URL of a path below a base address, keeping the base's own path (on-premises hosts may serve under one). */
export function joinUrl(base: URL, path: string): URL {
  const root = new URL(base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`, base);
  return new URL(path.replace(/^\/+/, ''), root);
}
