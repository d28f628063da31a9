import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ProgressListener } from '../connector.ts';
import { crashPoint } from '../../crash-point.ts';

/** A text part, such as a JSON document describing the call. */
export interface TextPart {
  readonly name: string;
  readonly value: string;
  readonly contentType?: string;
}

/** A part whose content is a file on disk, streamed as it is sent. */
export interface FilePart {
  readonly name: string;
  readonly path: string;
  /** The file name the platform sees, kept intact. */
  readonly fileName: string;
  readonly contentType: string;
}

/** One part of a multipart/form-data body, in the order it is sent. */
export type MultipartPart = TextPart | FilePart;

/** How the file parts are read. */
export interface MultipartOptions {
  /** Wraps each file's read stream (the bandwidth limit). */
  readonly throttle?: (stream: NodeJS.ReadableStream) => NodeJS.ReadableStream;
  /** Called with the file bytes sent so far, over all file parts. */
  readonly onProgress?: ProgressListener;
}

/** A multipart/form-data request body, streamed from disk, with its length known up front. */
export interface MultipartBody {
  readonly stream: Readable;
  /** The Content-Type header, with the boundary. */
  readonly contentType: string;
  readonly contentLength: number;
  /** Whether every byte has been handed to the connection. */
  fullySent(): boolean;
}

/** Reading the recording from disk failed, or it changed while it was being sent. */
export class FileReadError extends Error {
  override readonly name = 'FileReadError';
  /** The file system's code (ENOENT, EACCES…), or 'CHANGED' when the size no longer matches. */
  readonly code: string;

  constructor(message: string, code: string, cause?: unknown) {
    super(message, { cause });
    this.code = code;
  }
}

const CRLF = '\r\n';

/** Builds a multipart/form-data body around the files' read streams; nothing is buffered whole. */
export async function multipartBody(
  parts: readonly MultipartPart[],
  options: MultipartOptions = {},
): Promise<MultipartBody> {
  const boundary = `----CallCourier${randomBytes(16).toString('hex')}`;
  const sizes = await Promise.all(parts.map((part) => ('path' in part ? fileSize(part) : 0)));
  const heads = parts.map((part) => Buffer.from(partHead(boundary, part)));
  const tail = Buffer.from(`--${boundary}--${CRLF}`);
  const contentLength =
    parts.reduce(
      (sum, part, i) => sum + (heads[i]?.length ?? 0) + contentBytes(part, sizes[i]),
      0,
    ) +
    parts.length * CRLF.length +
    tail.length;

  let sent = 0;
  async function* generate(): AsyncGenerator<Buffer> {
    for (const [i, part] of parts.entries()) {
      yield heads[i] as Buffer;
      if ('path' in part) {
        yield* fileChunks(part, sizes[i] ?? 0, options, (n) => {
          sent += n;
          options.onProgress?.(sent);
        });
      } else {
        yield Buffer.from(part.value);
      }
      yield Buffer.from(CRLF);
    }
    yield tail;
  }

  let ended = false;
  const stream = Readable.from(generate(), { objectMode: false });
  stream.once('end', () => {
    ended = true;
  });
  return {
    stream,
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength,
    fullySent: () => ended,
  };
}

/** The boundary line and headers that open one part. */
function partHead(boundary: string, part: MultipartPart): string {
  const disposition =
    'path' in part
      ? `form-data; name="${quote(part.name)}"; filename="${quote(part.fileName)}"`
      : `form-data; name="${quote(part.name)}"`;
  const type = part.contentType;
  return (
    `--${boundary}${CRLF}Content-Disposition: ${disposition}${CRLF}` +
    (type === undefined ? '' : `Content-Type: ${type}${CRLF}`) +
    CRLF
  );
}

/**
 * Escapes a name inside a quoted header parameter: backslash-escaped quotes, which both
 * Python's and Node's multipart parsers read back intact, and every control character
 * (C0, DEL, C1) percent-encoded as its UTF-8 bytes, the way browsers send CR and LF, so
 * that no file name can break the part's header.
 */
function quote(value: string): string {
  return (
    value
      .replaceAll('\\', '\\\\')
      .replaceAll('"', '\\"')
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => encodeURIComponent(c))
  );
}

function contentBytes(part: MultipartPart, size: number | undefined): number {
  return 'path' in part ? (size ?? 0) : Buffer.byteLength(part.value);
}

async function fileSize(part: FilePart): Promise<number> {
  try {
    return (await stat(part.path)).size;
  } catch (error) {
    throw readError(part, error);
  }
}

/** The file's bytes, through the throttle, checked against the size announced in Content-Length. */
async function* fileChunks(
  part: FilePart,
  size: number,
  options: MultipartOptions,
  counted: (bytes: number) => void,
): AsyncGenerator<Buffer> {
  const file = createReadStream(part.path);
  const source = options.throttle ? options.throttle(file) : file;
  let read = 0;
  try {
    for await (const chunk of source) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      read += buffer.length;
      if (read > size) throw changed(part);
      yield buffer;
      counted(buffer.length);
      crashPoint('upload-body');
    }
  } catch (error) {
    throw error instanceof FileReadError ? error : readError(part, error);
  } finally {
    file.destroy();
  }
  if (read !== size) throw changed(part);
}

function changed(part: FilePart): FileReadError {
  return new FileReadError(
    `the recording ${part.fileName} changed while it was being sent`,
    'CHANGED',
  );
}

function readError(part: FilePart, error: unknown): FileReadError {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  const reason =
    code === 'ENOENT'
      ? 'it is no longer there'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : (error as Error).message;
  return new FileReadError(`could not read the recording ${part.fileName}: ${reason}`, code, error);
}
