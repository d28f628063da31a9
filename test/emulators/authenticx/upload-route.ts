import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { extname } from 'node:path';
import { drain, mediaType } from '../shared/http.ts';
import { readMultipart, type FieldPart, type FilePart, type Part } from '../shared/multipart.ts';
import { message, validationProblem, type Answer, type Reply } from './answers.ts';
import type { Clients } from './clients.ts';
import type { AuthenticxDice } from './faults.ts';
import { checkMetadata, type ReceivedMetadata } from './metadata-schema.ts';
import { TOKEN_SECONDS } from './token-route.ts';

/** Largest file Media/Upload takes (API-NOTES: 2.5 GB). */
export const MAX_BYTES = 2_500_000_000;

/** File extensions each UploadType takes (seed 003). */
export const EXTENSIONS: Readonly<Record<'Audio' | 'Chat', readonly string[]>> = {
  Audio: ['.wav', '.mp3', '.mp4', '.ogg', '.opus', '.m4a'],
  Chat: ['.tar', '.zip'],
};

/** One interaction Authenticx took. */
export interface AuthenticxUpload {
  /** The conversation id it answered. */
  readonly id: string;
  /** The file part's name. */
  readonly fileName: string;
  readonly contentType: string;
  readonly bytes: number;
  readonly sha256: string;
  /** The metadata document, as parsed and checked. */
  readonly metadata: ReceivedMetadata;
  readonly clientId: string;
}

/** What the upload route needs. */
export interface UploadState {
  readonly clients: Clients;
  readonly dice: AuthenticxDice;
  readonly uploads: AuthenticxUpload[];
}

/**
 * `POST /Media/Upload`: a bearer token; multipart with exactly a `file` part and a
 * `metadata` form field holding JSON whose FileName equals the file part's name; an
 * extension its UploadType accepts; one interaction per file name. Answers
 * `{ Id, FileName, FileSizeKb }` — the seed is silent on the answer; this is the form a
 * public description of AcxAPI gives.
 */
export async function upload(req: IncomingMessage, state: UploadState): Promise<Answer> {
  const auth = authorize(req, state.clients, state.dice);
  if ('status' in auth) {
    await drain(req);
    return auth;
  }
  if (mediaType(req.headers['content-type']) !== 'multipart/form-data') {
    await drain(req);
    return message(415, 'Unsupported Media Type: send multipart/form-data');
  }
  const read = await readMultipart(req);
  if (!read.ok) return message(400, read.reason);
  const parts = twoParts(read.parts);
  if ('status' in parts) return parts;
  let document: unknown;
  try {
    document = JSON.parse(parts.metadata.value);
  } catch {
    return validationProblem({ metadata: ['metadata is not valid JSON'] });
  }
  const checked = checkMetadata(document);
  if (!checked.ok) return validationProblem(checked.errors);
  const refusal = refuseFile(parts.file, checked.metadata, state.uploads);
  if (refusal !== undefined) return refusal;
  const rejection = state.dice.roll('reject', 'upload');
  if (rejection !== undefined) return message(rejection.status, rejection.detail);
  const stored: AuthenticxUpload = {
    id: randomUUID(),
    fileName: parts.file.fileName,
    contentType: parts.file.contentType,
    bytes: parts.file.bytes,
    sha256: parts.file.sha256,
    metadata: checked.metadata,
    clientId: auth.clientId,
  };
  state.uploads.push(stored);
  if (state.dice.roll('dropAfterStore', 'upload')) return { drop: true };
  return {
    status: 200,
    json: { Id: stored.id, FileName: stored.fileName, FileSizeKb: Math.ceil(stored.bytes / 1024) },
  };
}

/** The `file` part and the `metadata` field, or the validation problem of anything else. */
function twoParts(
  parts: readonly Part[],
): { readonly file: FilePart; readonly metadata: FieldPart } | Reply {
  const errors: Record<string, string[]> = {};
  const add = (field: string, text: string): void => void (errors[field] ??= []).push(text);
  const files = parts.filter((p): p is FilePart => p.name === 'file' && p.kind === 'file');
  const fields = parts.filter((p): p is FieldPart => p.name === 'metadata' && p.kind === 'field');
  for (const part of parts) {
    if (part.name === 'file' && part.kind === 'field') add('file', 'file must be a file, not text');
    else if (part.name === 'metadata' && part.kind === 'file') {
      add('metadata', 'metadata must be a form field holding JSON, not a file');
    } else if (part.name !== 'file' && part.name !== 'metadata') {
      add(part.name, `${part.name} is not a field of Media/Upload`);
    }
  }
  if (files.length > 1) add('file', 'only one file per upload');
  if (fields.length > 1) add('metadata', 'only one metadata document per upload');
  const [file] = files;
  const [metadata] = fields;
  if (file === undefined && errors.file === undefined) add('file', 'The file field is required.');
  if (metadata === undefined && errors.metadata === undefined) {
    add('metadata', 'The metadata field is required.');
  }
  if (Object.keys(errors).length > 0 || file === undefined || metadata === undefined) {
    return validationProblem(errors);
  }
  if (!['text/plain', 'application/json'].includes(mediaType(metadata.contentType))) {
    return validationProblem({
      metadata: [`metadata must be JSON text, not ${metadata.contentType}`],
    });
  }
  return { file, metadata };
}

/** Authenticx's plain-text refusal of the file, if it has one. */
function refuseFile(
  file: FilePart,
  metadata: ReceivedMetadata,
  uploads: readonly AuthenticxUpload[],
): Answer | undefined {
  if (extname(metadata.FileName) !== extname(file.fileName)) {
    return message(400, 'File extension in metadata file name and upload file must match!');
  }
  if (metadata.FileName !== file.fileName) {
    return message(400, 'File name in metadata and upload file must match!');
  }
  const extension = extname(file.fileName).toLowerCase();
  const accepted = EXTENSIONS[metadata.UploadType];
  if (!accepted.includes(extension)) {
    return message(
      400,
      `Invalid file extension "${extension}" for upload type ${metadata.UploadType}. Valid extensions: ${accepted.join(', ')}`,
    );
  }
  if (file.bytes === 0) return message(400, 'The uploaded file is empty.');
  if (file.bytes > MAX_BYTES) return message(413, 'The file is larger than 2.5 GB.');
  if (uploads.some((u) => u.fileName === file.fileName)) {
    return message(400, 'An interaction with this file name already exists.');
  }
  return undefined;
}

/** The client of a live bearer token, or the empty 401 ASP.NET's JWT bearer handler answers. */
function authorize(
  req: IncomingMessage,
  clients: Clients,
  dice: AuthenticxDice,
): { readonly clientId: string } | Reply {
  const bearer = /^bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer === undefined) return { status: 401, headers: { 'www-authenticate': 'Bearer' } };
  const lifetime = dice.faults.tokenLifetimeSeconds ?? TOKEN_SECONDS;
  const check = clients.check(bearer, Date.now(), lifetime);
  if (check.ok) return { clientId: check.clientId };
  return {
    status: 401,
    headers: {
      'www-authenticate': `Bearer error="invalid_token", error_description="${check.reason}"`,
    },
  };
}
