import type { FieldPart, FilePart, Part } from '../shared/multipart.ts';

/** A check that failed: Oliver's `{code, message}` answer. */
export interface Refusal {
  readonly code: number;
  readonly message: string;
}

/** What a v5 upload's form carried besides the file. */
export interface V5Fields {
  readonly name?: string;
  readonly meta?: unknown;
  readonly embeddings?: boolean;
}

const V5_FIELDS = new Set(['name', 'meta', 'embeddings']);

/** The query parameters the seed documents for a legacy upload. */
const LEGACY_QUERY = new Set([
  'channels',
  'calltype',
  'agentId',
  'agentTeam',
  'customerId',
  'customerInd',
  'campaignId',
  'name',
  'ANI',
  'calltime',
  'timezone',
]);

const CALL_TYPES = new Set(['incoming', 'outgoing']);
const CALL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

/**
 * The one audio file part named `file`, with a file name, an audio content type and
 * some bytes; or why the form is refused.
 */
export function audioFile(parts: readonly Part[]): FilePart | Refusal {
  const files = parts.filter((p): p is FilePart => p.kind === 'file');
  const stray = files.find((f) => f.name !== 'file');
  if (stray !== undefined) return bad(`Unexpected file field: ${stray.name}`);
  const [file, ...more] = files;
  if (parts.some((p) => p.kind === 'field' && p.name === 'file')) {
    return bad('The field file must be a file upload, not text');
  }
  if (file === undefined) return bad('Required request part file is not present');
  if (more.length > 0) return bad('Only one file may be uploaded per process');
  if (file.fileName === '') return bad('The file part has no file name');
  if (!file.contentType.startsWith('audio/')) {
    return { code: 415, message: `Unsupported media type ${file.contentType} for file` };
  }
  if (file.bytes === 0) return bad('The uploaded file is empty');
  return file;
}

/** The v5 form fields (`name`, `meta` as a JSON object string, `embeddings`), or why they are refused. */
export function v5Fields(parts: readonly Part[]): V5Fields | Refusal {
  const fields = parts.filter((p): p is FieldPart => p.kind === 'field' && p.name !== 'file');
  const seen = new Set<string>();
  let result: V5Fields = {};
  for (const field of fields) {
    if (!V5_FIELDS.has(field.name)) return bad(`Unknown form field: ${field.name}`);
    if (seen.has(field.name)) return bad(`The form field ${field.name} is given twice`);
    seen.add(field.name);
    if (field.name === 'name') {
      if (field.value.trim() === '') return bad('name must not be empty');
      result = { ...result, name: field.value };
    } else if (field.name === 'meta') {
      const meta = parseObject(field.value);
      if (meta === undefined) return bad('meta must be a valid JSON object string');
      result = { ...result, meta };
    } else {
      if (field.value !== 'true' && field.value !== 'false') {
        return bad('embeddings must be true or false');
      }
      result = { ...result, embeddings: field.value === 'true' };
    }
  }
  return result;
}

/** A legacy upload carries only its file in the form: the call details go in the query. */
export function legacyFormOnlyFile(parts: readonly Part[]): Refusal | null {
  const field = parts.find((p) => p.kind === 'field' && p.name !== 'file');
  return field === undefined
    ? null
    : bad(`Unknown form field: ${field.name} (the call details go in the query)`);
}

/** The legacy query parameters, checked as the seed documents them; or why they are refused. */
export function legacyQuery(url: URL): Readonly<Record<string, string>> | Refusal {
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (!LEGACY_QUERY.has(name)) return bad(`Unknown query parameter: ${name}`);
    if (name in query) return bad(`The query parameter ${name} is given twice`);
    if (value.trim() === '') return bad(`The query parameter ${name} is empty`);
    query[name] = value;
  }
  const { channels, calltype, calltime, timezone } = query;
  if (channels === undefined) return bad('Required query parameter channels is not present');
  if (channels !== '1' && channels !== '2') return bad('channels must be 1 or 2');
  if (calltype === undefined) return bad('Required query parameter calltype is not present');
  if (!CALL_TYPES.has(calltype)) return bad('calltype must be incoming or outgoing');
  if (calltime !== undefined && !isCallTime(calltime)) {
    return bad('calltime must be a date and time such as 2024-04-01T15:20:00');
  }
  if (timezone !== undefined && !isTimezone(timezone)) {
    return bad('timezone must be a whole number of hours from -12 to 14');
  }
  return query;
}

/** Whether a check answered a refusal. */
export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

function isCallTime(value: string): boolean {
  return CALL_TIME.test(value) && !Number.isNaN(Date.parse(`${value}Z`));
}

function isTimezone(value: string): boolean {
  if (!/^[+-]?\d{1,2}$/.test(value)) return false;
  const hours = Number(value);
  return hours >= -12 && hours <= 14;
}

function parseObject(text: string): object | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function bad(message: string): Refusal {
  return { code: 400, message };
}
