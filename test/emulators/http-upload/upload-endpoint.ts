import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { mediaType } from '../shared/http.ts';
import { readMultipart, type FieldPart, type FilePart } from '../shared/multipart.ts';
import type { IssuedTokens } from './token-endpoint.ts';
import type { ReceiverAnswer, ReceiverOptions, StoredRecording } from './receiver-options.ts';

/** What an upload request came to: a recording taken, or the refusal to answer. */
export type UploadOutcome =
  | { readonly ok: true; readonly stored: StoredRecording }
  | { readonly ok: false; readonly answer: ReceiverAnswer };

const refuse = (status: number, message: string, headers = {}): UploadOutcome => ({
  ok: false,
  answer: { status, body: { message }, headers },
});

/** Null when the request proves who it is the way the receiver wants, else the 401 answer. */
export function checkAuth(
  req: IncomingMessage,
  options: ReceiverOptions,
  tokens: IssuedTokens,
): UploadOutcome | null {
  const auth = options.auth ?? { kind: 'none' };
  const header = req.headers.authorization;
  if (auth.kind === 'none') {
    return header === undefined ? null : refuse(400, 'This API takes no Authorization header');
  }
  const scheme = auth.kind === 'basic' ? 'Basic' : 'Bearer';
  const challenge = { 'www-authenticate': `${scheme} realm="upload"` };
  const match = /^(\S+)\s+(\S+)$/.exec(header ?? '');
  if (!match || match[1]?.toLowerCase() !== scheme.toLowerCase() || match[2] === undefined) {
    return refuse(401, `Authorization: ${scheme} is required`, challenge);
  }
  const credential = match[2];
  const good =
    auth.kind === 'basic'
      ? Buffer.from(credential, 'base64').toString('utf8') === `${auth.username}:${auth.password}`
      : auth.kind === 'bearer'
        ? credential === auth.token
        : tokens.isLive(credential, Date.now(), auth.tokenLifetimeSeconds);
  return good ? null : refuse(401, 'The credentials are not valid', challenge);
}

/** Null when the request uses the receiver's method, else the 405 answer. */
export function checkMethod(req: IncomingMessage, options: ReceiverOptions): UploadOutcome | null {
  const method = options.method ?? 'POST';
  return req.method === method ? null : refuse(405, `Use ${method}`, { allow: method });
}

/** Checks the query, headers and content type the receiver wants; null when they are right. */
export function checkRequest(
  req: IncomingMessage,
  url: URL,
  options: ReceiverOptions,
): UploadOutcome | null {
  const wanted = options.query ?? {};
  for (const [name, value] of url.searchParams) {
    if (!Object.hasOwn(wanted, name)) return refuse(400, `Unknown query parameter ${name}`);
    if (value !== wanted[name])
      return refuse(400, `The query parameter ${name} must be ${wanted[name]}`);
  }
  for (const name of Object.keys(wanted)) {
    if (!url.searchParams.has(name)) return refuse(400, `The query parameter ${name} is missing`);
  }
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    const got = req.headers[name.toLowerCase()];
    if (got !== value) return refuse(400, `The header ${name} must be ${value}`);
  }
  if (mediaType(req.headers['content-type']) !== 'multipart/form-data') {
    return refuse(415, 'Send multipart/form-data');
  }
  return null;
}

/** Reads the multipart body strictly: one audio file in the file field, the fields wanted, no others. */
export async function receiveUpload(
  req: IncomingMessage,
  url: URL,
  options: ReceiverOptions,
): Promise<UploadOutcome> {
  const read = await readMultipart(req);
  if (!read.ok) return refuse(400, read.reason);
  const fileField = options.fileField ?? 'file';
  const files = read.parts.filter((p): p is FilePart => p.kind === 'file');
  const fields = read.parts.filter((p): p is FieldPart => p.kind === 'field');
  const file = files[0];
  if (files.length !== 1 || file === undefined) return refuse(422, 'Send exactly one file');
  if (file.name !== fileField)
    return refuse(422, `The file must be in the field ${fileField}, not ${file.name}`);
  if (file.fileName === '') return refuse(422, 'The file has no name');
  if (!file.contentType.startsWith('audio/'))
    return refuse(415, `${file.contentType} is not audio`);
  if (file.bytes === 0) return refuse(422, 'The file is empty');
  const known = new Set([...(options.fields ?? []), ...(options.optionalFields ?? [])]);
  const values: Record<string, string> = {};
  const types: Record<string, string> = {};
  for (const field of fields) {
    if (!known.has(field.name)) return refuse(422, `Unexpected field ${field.name}`);
    if (Object.hasOwn(values, field.name)) return refuse(422, `The field ${field.name} came twice`);
    values[field.name] = field.value;
    types[field.name] = field.contentType;
  }
  for (const name of options.fields ?? []) {
    if (!Object.hasOwn(values, name)) return refuse(422, `The field ${name} is required`);
  }
  for (const name of options.jsonFields ?? []) {
    if (!Object.hasOwn(values, name)) continue;
    if (types[name] !== 'application/json')
      return refuse(415, `The field ${name} must be application/json`);
    if (!isJsonObject(values[name] ?? ''))
      return refuse(422, `The field ${name} is not a JSON object`);
  }
  return {
    ok: true,
    stored: {
      id: `rec-${randomUUID()}`,
      method: req.method ?? '',
      path: decodeURIComponent(url.pathname),
      query: Object.fromEntries(url.searchParams),
      headers: { ...req.headers },
      fileName: file.fileName,
      contentType: file.contentType,
      bytes: file.bytes,
      sha256: file.sha256,
      fields: values,
      fieldTypes: types,
      partOrder: read.parts.map((p) => p.name),
    },
  };
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
