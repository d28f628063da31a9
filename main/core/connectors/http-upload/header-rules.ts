import { readValueTemplate, type ValueTemplate } from './value-template.ts';

/** A request header to send: its name in lower case, and its value template. */
export interface HeaderTemplate {
  readonly name: string;
  readonly value: ValueTemplate;
}

/** A header that could not be read, and why, under the name it was written with. */
export interface HeaderProblem {
  readonly name: string;
  readonly message: string;
}

/** RFC 9110 token characters: what a header name may be made of. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Text a header value can carry as it is: visible ASCII, spaces and tabs. */
export const HEADER_SAFE = /^[\t\x20-\x7e]*$/;

/** Headers Call Courier sets itself, and why a profile may not set them. */
const RESERVED: Readonly<Record<string, string>> = {
  host: 'the address gives it',
  'content-type': 'it is multipart/form-data with its boundary',
  'content-length': 'it is the size of the body',
  'transfer-encoding': 'the body is sent with its length',
  connection: 'the connection is managed for you',
  'keep-alive': 'the connection is managed for you',
  upgrade: 'the connection is managed for you',
  te: 'the connection is managed for you',
  expect: 'the body is sent at once',
};

/**
 * Reads the `headers` option: names must be header names, not set by Call Courier itself nor
 * twice, nor Authorization when `auth` sends it; values are one-line templates.
 */
export function readHeaders(
  headers: Readonly<Record<string, string>>,
  auth: string,
  profileId?: string,
): { readonly headers: readonly HeaderTemplate[]; readonly problems: readonly HeaderProblem[] } {
  const read: HeaderTemplate[] = [];
  const problems: HeaderProblem[] = [];
  const seen = new Map<string, string>();
  for (const [name, template] of Object.entries(headers)) {
    if (name === '') continue; // the schema says so
    const lower = name.toLowerCase();
    const problem = nameProblem(name, auth, seen.get(lower)) ?? valueProblem(template);
    seen.set(lower, seen.get(lower) ?? name);
    if (problem) {
      problems.push({ name, message: problem });
      continue;
    }
    const reading = readValueTemplate(template, profileId);
    if (!reading.ok) {
      problems.push({ name, message: reading.error });
      continue;
    }
    const json = reading.template.parts.find(
      (part) => part.kind === 'placeholder' && part.placeholder.fieldOnly,
    );
    if (json?.kind === 'placeholder') {
      problems.push({
        name,
        message: `${json.placeholder.source} can only be in a field's value, not in a header`,
      });
      continue;
    }
    read.push({ name: lower, value: reading.template });
  }
  return { headers: read, problems };
}

function nameProblem(name: string, auth: string, earlier: string | undefined): string | null {
  const lower = name.toLowerCase();
  if (!TOKEN.test(name)) {
    return 'is not a header name: use letters, digits and - only, such as X-Api-Key';
  }
  if (earlier !== undefined) {
    return `is given twice (also as ${earlier}): header names are the same in any case`;
  }
  const reserved = RESERVED[lower];
  if (reserved !== undefined) return `is set by Call Courier itself: ${reserved}`;
  if (lower === 'authorization' && auth !== 'none') {
    return `is sent by the auth option (${auth}) already: remove this header, or set auth to none`;
  }
  return null;
}

function valueProblem(template: string): string | null {
  if (/[\r\n]/.test(template)) return 'must be one line of text';
  if (!HEADER_SAFE.test(template)) {
    return 'holds characters a header cannot carry: use plain ASCII text, or send it as a field';
  }
  return null;
}
