/** What replaces a secret in any text that leaves the process. */
export const REDACTED = '***';

/** Shorter values are not searched for: they would mangle ordinary words. */
const MIN_SECRET_LENGTH = 4;

/** Credential header values: `Authorization: Bearer …`, `X-Auth-Token: …`, also as JSON or inspected objects. */
const HEADER_VALUE =
  /\b((?:proxy-)?authorization|x-auth-token|x-api-key)(["']?\s*[:=]\s*["']?)((?:bearer|basic|token|digest)\s+)?[^\s"',;&}\]]+/gi;

/** A bearer token quoted without its header, as in an error message; a plain word after "Bearer" stays. */
const LOOSE_BEARER = /\b(Bearer\s+)(?=[A-Za-z]*[0-9\-._~+/])[A-Za-z0-9\-._~+/]{8,}=*/g;

/** Field names whose values are credentials in form bodies, query strings and JSON. */
const FIELDS =
  'password|passwd|client_?secret|api_?secret|api_?key|access_?token|refresh_?token|id_?token|token|secret|private_?key';

/** `password=…` in a form body or query string, up to the next `&`. */
const FORM_VALUE = new RegExp(`(^|[?&;\\s"'(])(${FIELDS})=[^&\\s"';]+`, 'gim');

/** `"password": "…"` in JSON. */
const JSON_VALUE = new RegExp(`("(?:${FIELDS})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)+(")`, 'gi');

/** The spellings a secret takes in text: as is, JSON-escaped and URL-encoded. */
function spellings(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const url = encodeURIComponent(secret);
  return [secret, json, url, url.replaceAll('%20', '+')];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A function that replaces the given secret values, and credential headers and fields, with `***`. */
export function createRedactor(secrets: Iterable<string>): (text: string) => string {
  const values = [...new Set([...secrets].flatMap(spellings))]
    .filter((value) => value.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  const known = values.length ? new RegExp(values.map(escapeRegExp).join('|'), 'g') : null;
  return (text) => {
    const plain = known ? text.replace(known, REDACTED) : text;
    return plain
      .replace(HEADER_VALUE, `$1$2$3${REDACTED}`)
      .replace(LOOSE_BEARER, `$1${REDACTED}`)
      .replace(FORM_VALUE, `$1$2=${REDACTED}`)
      .replace(JSON_VALUE, `$1${REDACTED}$2`);
  };
}

/** The text with the given secret values, and credential headers and fields, replaced by `***`. */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  return createRedactor(secrets)(text);
}
