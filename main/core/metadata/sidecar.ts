import { basename, dirname, join } from 'node:path';
import type { Problem } from '../problem.ts';
import {
  CALL_METADATA_FIELDS,
  callMetadataSchema,
  type CallMetadata,
  type ExtraValue,
} from './call-metadata.ts';
import { splitExtension } from './file-name.ts';
import { parseJsonText } from '../json-text.ts';
import { readSidecarText } from './sidecar-text.ts';

/** What a sidecar said, and what in it could not be used. */
export interface SidecarReading {
  /** The sidecar that was read, or null when the recording has none. */
  readonly path: string | null;
  readonly metadata: CallMetadata;
  readonly problems: readonly Problem[];
}

/** What each canonical field accepts, in words, for problems about a sidecar value. */
const ALLOWED: Readonly<Record<keyof CallMetadata, string>> = {
  startTime: 'an ISO 8601 date and time with an offset, such as 2024-04-01T15:20:00+03:00',
  agentId: 'a non-empty string',
  agentFirstName: 'a non-empty string',
  agentLastName: 'a non-empty string',
  clientId: 'a non-empty string',
  direction: '"IN", "OUT", "INTERNAL" or "UNKNOWN"',
  agentChannel: '0 or 1',
  callId: 'a non-empty string',
  queue: 'a non-empty string',
  waitingTimeSec: 'a number of seconds, 0 or more',
  did: 'a non-empty string',
  campaign: 'a non-empty string',
  callType: '"manual" or "automatic"',
  hangupBy: '"agent", "client" or "unknown"',
  skillGroup: 'a non-empty string',
  holds: 'a list of { "startSec": …, "endSec": … } that end after they start',
  extra: 'an object whose values are strings, numbers, true, false or null',
};

const CANONICAL = new Set<string>(CALL_METADATA_FIELDS);

/** The one key that JavaScript objects treat as their prototype, not as data: never used. */
const FORBIDDEN_KEY = '__proto__';

/** How much of a refused value a problem quotes. */
const QUOTED_CHARACTERS = 60;

/** The sidecars a recording may have, in the order they are looked for: `rec.wav.json`, then `rec.json`. */
export function sidecarPaths(recordingPath: string): readonly string[] {
  const { stem } = splitExtension(basename(recordingPath));
  const paths = [`${recordingPath}.json`, join(dirname(recordingPath), `${stem}.json`)];
  return [...new Set(paths)];
}

/** An unknown key's value as an extra value; objects and arrays are kept as JSON text. */
function asExtraValue(value: unknown): ExtraValue {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value)
    ? (value as ExtraValue)
    : JSON.stringify(value);
}

/** Turns a sidecar's parsed JSON into metadata, with a problem for each value that is not allowed. */
export function sidecarMetadata(
  json: unknown,
  sidecarName: string,
): { readonly metadata: CallMetadata; readonly problems: readonly Problem[] } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    const problem = `the sidecar ${sidecarName} must hold a JSON object ({ "agentId": … }); its details were not used.`;
    return { metadata: {}, problems: [{ code: 'sidecar', message: problem }] };
  }
  const fields: [string, unknown][] = [];
  const extra: [string, ExtraValue][] = [];
  const problems: Problem[] = [];
  const forbidden = (): void => {
    problems.push({
      code: 'sidecar',
      message: `the sidecar ${sidecarName} has the key "${FORBIDDEN_KEY}", which is not allowed; it was left out. The rest of the sidecar was used.`,
    });
  };
  for (const [key, value] of Object.entries(json)) {
    if (key === FORBIDDEN_KEY) {
      forbidden();
      continue;
    }
    if (value === null && CANONICAL.has(key)) continue;
    if (!CANONICAL.has(key)) {
      extra.push([key, asExtraValue(value)]);
      continue;
    }
    const field = key as keyof CallMetadata;
    const given = field === 'extra' ? withoutForbiddenKey(value, forbidden) : value;
    const checked = callMetadataSchema.shape[field].safeParse(given);
    if (!checked.success || checked.data === undefined) {
      problems.push({
        code: 'sidecar',
        message: `the sidecar ${sidecarName} has ${key} ${quoted(value)}, which is not allowed: use ${ALLOWED[field]}. The rest of the sidecar was used.`,
      });
    } else if (field === 'extra') {
      extra.push(...Object.entries(checked.data as Record<string, ExtraValue>));
    } else {
      fields.push([key, checked.data]);
    }
  }
  // Built from entries, so that no key can reach an object's prototype.
  const metadata = Object.fromEntries(
    extra.length > 0 ? [...fields, ['extra', Object.fromEntries(extra)]] : fields,
  ) as CallMetadata;
  return { metadata, problems };
}

/** An object without its own "__proto__" key (reporting it); anything else as it is. */
function withoutForbiddenKey(value: unknown, report: () => void): unknown {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, FORBIDDEN_KEY)) {
    return value;
  }
  report();
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== FORBIDDEN_KEY));
}

/** A value as JSON, cut short when long, for a problem to quote. */
function quoted(value: unknown): string {
  if (typeof value === 'string' && value.length > QUOTED_CHARACTERS) {
    return JSON.stringify(`${value.slice(0, QUOTED_CHARACTERS)}…`);
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > QUOTED_CHARACTERS ? `${text.slice(0, QUOTED_CHARACTERS)}…` : text;
}

/**
 * Reads the sidecar JSON next to a recording (`rec.wav.json`, else `rec.json`); having none is
 * normal. Whatever the sidecar holds, the answer is details or problems: this never throws.
 */
export async function readSidecar(recordingPath: string): Promise<SidecarReading> {
  for (const path of sidecarPaths(recordingPath)) {
    const name = basename(path);
    const read = await readSidecarText(path);
    if (read.kind === 'absent') continue;
    if (read.kind === 'refused') {
      const message = `the sidecar ${name} ${read.reason}; its details were not used.`;
      return { path, metadata: {}, problems: [{ code: 'sidecar', message }] };
    }
    const json = parseJsonText(read.text);
    if (!json.ok) {
      const message = `the sidecar ${name} is not valid JSON (${json.error}). Its details were not used.`;
      return { path, metadata: {}, problems: [{ code: 'sidecar', message }] };
    }
    return { path, ...sidecarMetadata(json.value, name) };
  }
  return { path: null, metadata: {}, problems: [] };
}
