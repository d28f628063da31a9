import { fillTemplate, readValueTemplate, type ValueTemplate } from './value-template.ts';
import type { PlaceholderInput } from './placeholders.ts';

/** The upload address: a fixed server, and a path and query that may hold placeholders. */
export interface UrlTemplate {
  /** Scheme, host and port, e.g. `https://api.example.com`. */
  readonly origin: string;
  /** The rest, e.g. `/v1/calls/{agentId}?source=pbx`. */
  readonly path: ValueTemplate;
}

const EXAMPLE = 'https://api.example.com/calls/{agentId}';

/** Reads the `url` option, or says in a plain sentence what is wrong with it. */
export function readUrlTemplate(
  url: string,
  profileId?: string,
):
  | { readonly ok: true; readonly url: UrlTemplate }
  | { readonly ok: false; readonly error: string; readonly notAnAddress?: true } {
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url)?.[0];
  if (origin === undefined) {
    return { ok: false, error: `must be a full address such as ${EXAMPLE}`, notAnAddress: true };
  }
  if (/[{}]/.test(origin)) {
    return {
      ok: false,
      error: `may hold placeholders only in its path and query, after the server name, such as ${EXAMPLE}`,
    };
  }
  const reading = readValueTemplate(url.slice(origin.length), profileId);
  if (!reading.ok) return reading;
  const jsonOnly = reading.template.parts.find(
    (part) => part.kind === 'placeholder' && part.placeholder.fieldOnly,
  );
  if (jsonOnly?.kind === 'placeholder') {
    return {
      ok: false,
      error: `${jsonOnly.placeholder.source} can only be in a field's value, not in the address`,
    };
  }
  return { ok: true, url: { origin, path: reading.template } };
}

/** The path and query for one recording, each value percent-encoded; or the placeholders it has no value for. */
export function fillUrlPath(
  url: UrlTemplate,
  input: PlaceholderInput,
): { readonly ok: true; readonly path: string } | { readonly ok: false; readonly missing: string } {
  const filled = fillTemplate(url.path, input, encodeURIComponent);
  const [first] = filled.missing;
  return first === undefined ? { ok: true, path: filled.text } : { ok: false, missing: first };
}
