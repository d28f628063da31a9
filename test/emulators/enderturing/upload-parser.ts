import busboy from 'busboy';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { missing, type ValidationItem } from './http-answers.ts';

/** The `file` part of an upload, as received. */
export interface ReceivedFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly storedPath?: string;
}

/** An upload the platform takes, or its refusal. */
export type UploadOutcome =
  | { readonly ok: true; readonly file: ReceivedFile }
  | {
      readonly ok: false;
      readonly status: number;
      readonly detail: string | readonly ValidationItem[];
    };

/** Content types the platform takes, and the file extensions each goes with. */
const AUDIO_TYPES: Readonly<Record<string, readonly string[]>> = {
  'audio/wav': ['wav'],
  'audio/x-wav': ['wav'],
  'audio/wave': ['wav'],
  'audio/mpeg': ['mp3'],
  'audio/mp3': ['mp3'],
  'audio/ogg': ['ogg', 'opus'],
  'audio/opus': ['opus', 'ogg'],
};

/**
 * Reads a multipart upload as it streams in, hashing the file (and keeping it in
 * `storeDir` when given), and checks it strictly: exactly one part, named `file`,
 * with a file name, an audio content type and some bytes.
 */
export async function receiveUpload(
  req: IncomingMessage,
  storeDir?: string,
): Promise<UploadOutcome> {
  const parser = busboy({ headers: req.headers, preservePath: true, defParamCharset: 'utf8' });
  const received: Promise<ReceivedFile>[] = [];
  const problems: ValidationItem[] = [];

  parser.on('file', (name, stream, info) => {
    if (name !== 'file') {
      problems.push(extra(name));
      stream.resume();
      return;
    }
    received.push(keep(stream, info.filename ?? '', info.mimeType, storeDir));
  });
  parser.on('field', (name) => {
    problems.push(
      name === 'file'
        ? { type: 'value_error', loc: ['body', 'file'], msg: 'Expected UploadFile, received: str' }
        : extra(name),
    );
  });
  const closed = new Promise<void>((resolve, reject) => {
    parser.on('close', resolve);
    parser.on('error', reject);
  });
  try {
    await Promise.all([pipeline(req, parser), closed]);
  } catch {
    await discard(received);
    return { ok: false, status: 400, detail: 'There was an error parsing the body' };
  }
  const kept = await Promise.all(received);
  const outcome = judge(kept, problems);
  if (!outcome.ok) await discard(received);
  return outcome;
}

function judge(kept: readonly ReceivedFile[], problems: ValidationItem[]): UploadOutcome {
  const file = kept[0];
  if (file === undefined && !problems.some((p) => p.loc[1] === 'file'))
    problems.push(missing('body', 'file'));
  if (kept.length > 1) {
    problems.push({ type: 'value_error', loc: ['body', 'file'], msg: 'Only one file per upload' });
  }
  if (problems.length > 0 || file === undefined)
    return { ok: false, status: 422, detail: problems };
  if (file.fileName === '') {
    return {
      ok: false,
      status: 422,
      detail: [{ type: 'value_error', loc: ['body', 'file'], msg: 'The file has no name' }],
    };
  }
  const extensions = AUDIO_TYPES[file.contentType.toLowerCase()];
  if (extensions === undefined) {
    return {
      ok: false,
      status: 415,
      detail: `Unsupported media type ${file.contentType}: send audio/wav, audio/mpeg or audio/ogg`,
    };
  }
  const extension = file.fileName.slice(file.fileName.lastIndexOf('.') + 1).toLowerCase();
  if (!extensions.includes(extension)) {
    return {
      ok: false,
      status: 415,
      detail: `Unsupported audio file format: ${file.fileName} is not ${extensions.join(' or ')} as its content type ${file.contentType} says`,
    };
  }
  if (file.bytes === 0) return { ok: false, status: 422, detail: 'The uploaded file is empty' };
  return { ok: true, file };
}

/** Hashes and counts a file part as it streams by, and writes it to `storeDir` when given. */
async function keep(
  stream: Readable,
  fileName: string,
  contentType: string,
  storeDir: string | undefined,
): Promise<ReceivedFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  const storedPath =
    storeDir === undefined
      ? undefined
      : join(storeDir, `${randomUUID()}-${fileName.replace(/[/\\]/g, '_')}`);
  const sink =
    storedPath === undefined ? new PassThrough().resume() : createWriteStream(storedPath);
  await pipeline(stream, count, sink);
  return {
    fileName,
    contentType,
    bytes,
    sha256: hash.digest('hex'),
    ...(storedPath === undefined ? {} : { storedPath }),
  };
}

/** Removes whatever was kept of a refused upload. */
async function discard(received: readonly Promise<ReceivedFile>[]): Promise<void> {
  const settled = await Promise.allSettled(received);
  await Promise.all(
    settled.map((s) =>
      s.status === 'fulfilled' && s.value.storedPath !== undefined
        ? rm(s.value.storedPath, { force: true })
        : undefined,
    ),
  );
}

function extra(name: string): ValidationItem {
  return { type: 'extra_forbidden', loc: ['body', name], msg: 'Extra inputs are not permitted' };
}
