import type { SettingsError } from './cross-checks.ts';
import { formatPath } from './format-issues.ts';

/** Names that hold a secret, written any way: "X-Api-Key", "client_secret", "Authorization". */
const SECRET_NAMES = new Set([
  'password',
  'passwd',
  'passphrase',
  'secret',
  'clientsecret',
  'token',
  'accesstoken',
  'refreshtoken',
  'bearer',
  'apikey',
  'xapikey',
  'authorization',
  'proxyauthorization',
  'privatekey',
  'credential',
  'credentials',
]);

/** A value that is a credential on its own: "Bearer eyJ…", "Basic dXNlcjpw…". */
const CREDENTIAL_VALUE = /^\s*(?:bearer|basic|token)\s+\S{8,}/i;

/** A value that only refers to the keychain: "{secret:apiKey}", "Bearer {secret:apiKey}". */
const ONLY_REFERENCES = /^[^{}]*(?:\{secret:[^{}]+\}[^{}]*)+$/;

/**
 * Every place in settings that looks like a secret written in plain text (a header such as
 * "Authorization: Bearer …", a field named "password"), so that no export or import carries one.
 */
export function secretLookingValues(raw: unknown): SettingsError[] {
  const found: SettingsError[] = [];
  const visit = (value: unknown, path: readonly PropertyKey[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i]));
      return;
    }
    if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
      return;
    }
    if (typeof value !== 'string' || value.trim() === '' || ONLY_REFERENCES.test(value)) return;
    const name = String(path.at(-1) ?? '')
      .toLowerCase()
      .replace(/[-_\s]/g, '');
    if (SECRET_NAMES.has(name) || CREDENTIAL_VALUE.test(value)) {
      found.push({
        path: formatPath(path),
        message:
          'looks like a secret written in plain text, and settings never hold secrets: write ' +
          '{secret:apiKey} here instead and store the value in the keychain with ' +
          '`call-courier secret set PROFILE apiKey`',
      });
    }
  };
  visit(raw, []);
  return found;
}
