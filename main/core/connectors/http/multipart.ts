import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { BandwidthPacing, ProgressListener, ReadHashing } from '../connector.ts';
import { crashPoint } from '../../crash-point.ts';

/**
 * How much of the file is read at a time. Handed to the connection whole without a bandwidth
 * limit: on a 2 GiB upload (single runs, loopback) 1 MiB pieces ran at 287–337 MiB/s, 256 KiB
 * at 292–302 and 64 KiB at 229–308; a 1 MiB recording goes in one piece.
 */
const PIECE_BYTES = 1024 * 1024;

/**
 * The least handed to the connection at once: the high-water mark of a socket or HTTP/2
 * stream (64 KiB), so that undici waits for 'drain' after each slice (see RING_BUFFERS).
 * Under a bandwidth limit a piece goes in slices of what the limit allows at once (at least
 * this), so that no bigger burst leaves at the line's speed.
 */
const LEAST_SLICE_BYTES = 64 * 1024;

/**
 * How many buffers a file part is read into, in turn. The body goes to undici as an async
 * iterable, and undici asks for the next piece only once the connection has taken the last:
 * its write() answered true (the connection holds less than its high-water mark) or it has
 * drained. So a buffer handed out two pieces ago is no longer the connection's, and can be
 * read into again; three leave one to spare. A fresh buffer per piece (a read stream) made
 * the garbage collector the biggest cost of a big upload: 4.2 s of 14 s for 2 GiB.
 */
const RING_BUFFERS = 3;

/**
 * Piece buffers of finished uploads, for the next ones: a fresh megabyte per upload cost the
 * service's thread ~0.14 ms a recording in a backlog (allocation and the pages it touches),
 * and the garbage collector more. Two uploads at once use up to six; four are kept, and none
 * once the service is quiet (trimUploadBuffers).
 */
const spareBuffers: Buffer[] = [];
const MAX_SPARE_BUFFERS = 4;

/** Lets go of the piece buffers kept for the next uploads (the service has nothing to send). */
export function trimUploadBuffers(): void {
  spareBuffers.length = 0;
}

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
  /**
   * The size intake saw, when known: the file is then not asked for it again, and a file of
   * another size shows as one that changed while it was sent.
   */
  readonly sizeBytes?: number;
  /** The file name the platform sees, kept intact. */
  readonly fileName: string;
  readonly contentType: string;
}

/** One part of a multipart/form-data body, in the order it is sent. */
export type MultipartPart = TextPart | FilePart;

/** How the file parts are read. */
export interface MultipartOptions extends BandwidthPacing {
  /** Called with the file bytes sent so far, over all file parts. */
  readonly onProgress?: ProgressListener;
  /** Given the file part's bytes as they are read, once each has been handed to the connection. */
  readonly hashing?: ReadHashing;
}

/**
 * A multipart/form-data request body, streamed from disk, with its length known up front.
 * Its pieces are read into reused buffers: hand `pieces` to undici as it is (it takes each
 * piece before asking for the next), and copy a piece that is to be kept.
 */
export interface MultipartBody {
  readonly pieces: AsyncIterable<Buffer>;
  /** The Content-Type header, with the boundary. */
  readonly contentType: string;
  readonly contentLength: number;
  /** Whether every byte has been handed to the connection. */
  fullySent(): boolean;
  /** Stops reading (closes the file) when the request ends before the whole body was taken. */
  stop(): void;
  /**
   * Gives the buffers the file was read into to the next upload. Only once the server has
   * answered a body it took whole (`fullySent()`, a 2xx): every byte has then left this
   * process, and no socket still reads from them.
   */
  recycle(): void;
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
  const sizes = await Promise.all(
    parts.map((part) => ('path' in part ? (part.sizeBytes ?? fileSize(part)) : 0)),
  );
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
  // Set when undici asks for more after the last piece: everything was handed over.
  let ended = false;
  // The buffers the file parts were read into, for recycle().
  const held: Buffer[] = [];
  async function* generate(): AsyncGenerator<Buffer> {
    for (const [i, part] of parts.entries()) {
      yield heads[i] as Buffer;
      if ('path' in part) {
        yield* fileChunks(
          part,
          sizes[i] ?? 0,
          options,
          (n) => {
            sent += n;
            options.onProgress?.(sent);
          },
          held,
        );
      } else {
        yield Buffer.from(part.value);
      }
      yield Buffer.from(CRLF);
    }
    yield tail;
    ended = true;
  }

  const pieces = generate();
  return {
    pieces,
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength,
    fullySent: () => ended,
    stop: () => void pieces.return(undefined).catch(() => undefined),
    recycle: () => {
      if (!ended) return;
      for (const buffer of held.splice(0)) {
        if (buffer.length === PIECE_BYTES && spareBuffers.length < MAX_SPARE_BUFFERS) {
          spareBuffers.push(buffer);
        }
      }
    },
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

/**
 * The file's bytes, paced by the bandwidth limit, read into a ring of buffers (see
 * RING_BUFFERS), and checked against the size announced in Content-Length.
 */
async function* fileChunks(
  part: FilePart,
  size: number,
  options: MultipartOptions,
  counted: (bytes: number) => void,
  held: Buffer[],
): AsyncGenerator<Buffer> {
  let file: FileHandle;
  try {
    file = await open(part.path, 'r');
  } catch (error) {
    throw readError(part, error);
  }
  const readInto = (buffer: Buffer, length: number): Promise<number> =>
    file.read(buffer, 0, length, null).then(
      (result) => result.bytesRead,
      (error: unknown) => {
        throw readError(part, error);
      },
    );
  const pieceBytes = Math.max(1, Math.min(PIECE_BYTES, size));
  options.hashing?.restart();
  const ring: Buffer[] = [];
  const bufferFor = (turn: number): Buffer => {
    const slot = turn % RING_BUFFERS;
    let buffer = ring[slot];
    if (buffer === undefined) {
      // A spare is a whole piece long, the most a piece can be.
      const whole = spareBuffers.pop() ?? Buffer.allocUnsafe(pieceBytes);
      held.push(whole);
      buffer = whole.length === pieceBytes ? whole : whole.subarray(0, pieceBytes);
      ring[slot] = buffer;
    }
    return buffer;
  };
  // The next piece is read while this one is sent and hashed. Its buffer is free: undici has
  // taken the piece before this one, so the one before that (the same buffer, with three) is
  // no longer the connection's.
  let next: Promise<number> | undefined = readInto(bufferFor(0), pieceBytes);
  let read = 0;
  try {
    for (let turn = 0; next !== undefined; turn += 1) {
      const buffer = bufferFor(turn);
      const bytesRead = await next;
      next = undefined;
      if (bytesRead === 0) break;
      read += bytesRead;
      if (read > size) throw changed(part);
      if (read < size) {
        next = readInto(bufferFor(turn + 1), pieceBytes);
        // Settled here too: a read that fails while the connection waits is never unhandled.
        next.catch(() => undefined);
      }
      const limit = options.pieceBytes?.() ?? null;
      const step = limit === null ? bytesRead : Math.max(LEAST_SLICE_BYTES, limit);
      for (let at = 0; at < bytesRead; at += step) {
        const slice = buffer.subarray(at, Math.min(bytesRead, at + step));
        await options.pace?.(slice.length);
        yield slice;
        counted(slice.length);
        crashPoint('upload-body');
      }
      // Hashed while the connection sends the piece: the buffer is not read into again before
      // RING_BUFFERS more turns.
      options.hashing?.update(buffer.subarray(0, bytesRead));
    }
    // All of it sent: the file's size now says whether it grew or shrank meanwhile (a piece
    // read ahead may have been read before it changed).
    if (read === size && (await fileStat(file, part)).size !== size) throw changed(part);
  } finally {
    // A read still under way writes into a buffer and uses the file: it ends first.
    await next?.catch(() => undefined);
    await file.close();
  }
  if (read !== size) throw changed(part);
}

async function fileStat(file: FileHandle, part: FilePart): Promise<Stats> {
  try {
    return await file.stat();
  } catch (error) {
    throw readError(part, error);
  }
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
