import busboy from 'busboy';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';

/** A text part of a multipart body, as the platform reads it. */
export interface FieldPart {
  readonly kind: 'field';
  readonly name: string;
  readonly value: string;
  /** The part's declared content type (text/plain when it declared none). */
  readonly contentType: string;
}

/** A file part, counted and hashed as it streamed by (never held in memory). */
export interface FilePart {
  readonly kind: 'file';
  readonly name: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly bytes: number;
  readonly sha256: string;
}

export type Part = FieldPart | FilePart;

/** A multipart body read strictly, or why it could not be read. */
export type MultipartOutcome =
  | { readonly ok: true; readonly parts: readonly Part[] }
  | { readonly ok: false; readonly reason: string };

/**
 * Reads a multipart/form-data body as it streams in, in the order the parts came.
 * A part with a file name is a file (hashed); any other part is a field (up to
 * `maxFieldBytes`, 1 MiB by default). A body that is not well-formed multipart is an
 * error, so that an emulator can refuse it the way a strict platform would.
 */
export async function readMultipart(
  req: IncomingMessage,
  options: { readonly maxFieldBytes?: number } = {},
): Promise<MultipartOutcome> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      preservePath: true,
      defParamCharset: 'utf8',
      limits: { fieldSize: options.maxFieldBytes ?? 1024 * 1024 },
    });
  } catch (error) {
    req.resume();
    return { ok: false, reason: (error as Error).message };
  }
  const parts: Promise<Part>[] = [];
  let truncated: string | undefined;
  parser.on('file', (name, stream, info) => {
    parts.push(hashFile(name, stream, info.filename ?? '', info.mimeType));
  });
  parser.on('field', (name, value, info) => {
    if (info.valueTruncated) truncated = name;
    parts.push(Promise.resolve({ kind: 'field', name, value, contentType: info.mimeType }));
  });
  const closed = new Promise<void>((resolve, reject) => {
    parser.on('close', resolve);
    parser.on('error', reject);
  });
  try {
    await Promise.all([pipeline(req, parser), closed]);
  } catch (error) {
    return {
      ok: false,
      reason: `the multipart body could not be read: ${(error as Error).message}`,
    };
  }
  if (truncated !== undefined) return { ok: false, reason: `the field ${truncated} is too large` };
  return { ok: true, parts: await Promise.all(parts) };
}

async function hashFile(
  name: string,
  stream: NodeJS.ReadableStream,
  fileName: string,
  contentType: string,
): Promise<FilePart> {
  const hash = createHash('sha256');
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  await pipeline(stream, count, new PassThrough().resume());
  return { kind: 'file', name, fileName, contentType, bytes, sha256: hash.digest('hex') };
}
