import busboy from 'busboy';
import { createHash, randomBytes } from 'node:crypto';
import { truncateSync } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { PassThrough, Transform } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RejectedError, TransientError } from '../../../../../main/core/connectors/errors.ts';
import {
  HttpClient,
  type HttpRequest,
} from '../../../../../main/core/connectors/http/http-client.ts';
import {
  multipartBody,
  trimUploadBuffers,
  type MultipartBody,
  type MultipartOptions,
  type MultipartPart,
} from '../../../../../main/core/connectors/http/multipart.ts';
import { SentContentHash } from '../../../../../main/core/delivery/sent-content-hash.ts';
import { tempDirForSuite } from '../../../../fixtures/temp-dir.ts';
import { startLoopbackServer, type LoopbackServer } from './loopback-server.ts';

interface ReceivedPart {
  name: string;
  fileName?: string;
  contentType: string;
  sha256: string;
  bytes: number;
  text?: string;
}

interface Received {
  contentLength: number;
  bodyBytes: number;
  parts: ReceivedPart[];
}

/** When set, the server reads like one at the end of a slow link. */
let slowReads = false;

/** The status the server answers with, once it has read the whole request. */
let answerStatus = 200;

/**
 * The memory each piece of the file lies in, noted as the connection takes it (the headers
 * and line ends are small buffers from Node's shared pool, left out).
 */
function noting(body: MultipartBody, memory: Set<ArrayBufferLike>): MultipartBody {
  async function* pieces(): AsyncGenerator<Buffer> {
    for await (const piece of body.pieces) {
      if (piece.length >= 64 * 1024) memory.add(piece.buffer);
      yield piece;
    }
  }
  return { ...body, pieces: pieces() };
}

/** Passes data on, holding every eighth piece back for 2 ms. */
function slowly(): Transform {
  let pieces = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      pieces += 1;
      if (pieces % 8 === 0) setTimeout(() => done(null, chunk), 2);
      else done(null, chunk);
    },
  });
}

/** Parses a multipart request the way a platform would, and tells what arrived. */
async function parse(req: IncomingMessage): Promise<Received> {
  const parts: ReceivedPart[] = [];
  let bodyBytes = 0;
  const counter = new PassThrough();
  counter.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
  const parser = busboy({ headers: req.headers, preservePath: true, defParamCharset: 'utf8' });
  const pending: Promise<void>[] = [];
  parser.on('file', (name, stream, info) => {
    const hash = createHash('sha256');
    let bytes = 0;
    pending.push(
      new Promise((resolve) => {
        stream.on('data', (chunk: Buffer) => {
          hash.update(chunk);
          bytes += chunk.length;
        });
        stream.on('end', () => {
          parts.push({
            name,
            fileName: info.filename,
            contentType: info.mimeType,
            sha256: hash.digest('hex'),
            bytes,
          });
          resolve();
        });
      }),
    );
  });
  parser.on('field', (name, value, info) => {
    parts.push({ name, contentType: info.mimeType, sha256: '', bytes: value.length, text: value });
  });
  await new Promise<void>((resolve, reject) => {
    parser.on('close', resolve);
    parser.on('error', reject);
    (slowReads ? req.pipe(slowly()) : req).pipe(counter).pipe(parser);
  });
  await Promise.all(pending);
  return { contentLength: Number(req.headers['content-length']), bodyBytes, parts };
}

describe('multipart bodies streamed from disk', async () => {
  const dir = await tempDirForSuite('call-courier-multipart-');
  let server: LoopbackServer;
  let client: HttpClient;
  let received: Received | undefined;

  beforeAll(async () => {
    server = await startLoopbackServer((req, res) => {
      void parse(req).then((r) => {
        received = r;
        res.writeHead(answerStatus, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    client = new HttpClient({
      label: 'Test platform',
      profileId: 't',
      baseUrl: server.url,
      allowInsecureHttp: false,
    });
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  async function post(
    parts: readonly MultipartPart[],
    options: MultipartOptions = {},
    memory?: Set<ArrayBufferLike>,
  ): Promise<Received> {
    received = undefined;
    const build = async () => {
      const body = await multipartBody(parts, options);
      return memory ? noting(body, memory) : body;
    };
    const request: HttpRequest = {
      method: 'POST',
      path: 'upload',
      body: { kind: 'multipart', build },
    };
    await client.send(request);
    if (received === undefined) throw new Error('the server saw nothing');
    return received;
  }

  it('sends the exact bytes under the original file name and content type', async () => {
    const content = Buffer.from('RIFF....WAVEfmt fake audio '.repeat(5000));
    const path = join(dir, 'a.wav');
    await writeFile(path, content);
    const name = '20240131_2059_Agent99_12345678_IN_0.wav';

    const r = await post([{ name: 'file', path, fileName: name, contentType: 'audio/wav' }]);

    expect(r.parts).toEqual([
      {
        name: 'file',
        fileName: name,
        contentType: 'audio/wav',
        bytes: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
      },
    ]);
  });

  it('announces a Content-Length equal to the bytes actually sent', async () => {
    const path = join(dir, 'b.wav');
    await writeFile(path, Buffer.alloc(123_457, 7));

    const r = await post([
      { name: 'info', value: '{"sessionId":"x"}', contentType: 'application/json' },
      { name: 'data', path, fileName: 'b.wav', contentType: 'audio/wav' },
    ]);

    expect(r.contentLength).toBe(r.bodyBytes);
  });

  it('sends text parts before the file, in order, with their content type', async () => {
    const path = join(dir, 'c.wav');
    await writeFile(path, Buffer.alloc(10, 1));

    const r = await post([
      { name: 'info', value: '{"a":1}', contentType: 'application/json' },
      { name: 'data', path, fileName: 'c.wav', contentType: 'audio/wav' },
    ]);

    expect(r.parts.map((p) => [p.name, p.contentType, p.text])).toEqual([
      ['info', 'application/json', '{"a":1}'],
      ['data', 'audio/wav', undefined],
    ]);
  });

  it('keeps file names with quotes and non-ASCII letters intact', async () => {
    const path = join(dir, 'd.wav');
    await writeFile(path, Buffer.alloc(10, 1));
    const name = 'Запис "важливий" 2024.wav';

    const r = await post([{ name: 'file', path, fileName: name, contentType: 'audio/wav' }]);

    expect(r.parts[0]?.fileName).toBe(name);
  });

  it('reports progress up to the size of the file', async () => {
    const path = join(dir, 'e.wav');
    await writeFile(path, Buffer.alloc(1_000_000, 3));
    const seen: number[] = [];

    await post([{ name: 'file', path, fileName: 'e.wav', contentType: 'audio/wav' }], {
      onProgress: (sent) => seen.push(sent),
    });

    expect(seen.at(-1)).toBe(1_000_000);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('paces every piece of the file by the bandwidth limit it is given, in slices no bigger than it lets go at once', async () => {
    const path = join(dir, 'f.wav');
    const content = randomBytes(300_000);
    await writeFile(path, content);
    const paced: number[] = [];
    const pace = (bytes: number): Promise<void> => {
      paced.push(bytes);
      return Promise.resolve();
    };

    const r = await post([{ name: 'file', path, fileName: 'f.wav', contentType: 'audio/wav' }], {
      pace,
      pieceBytes: () => 100_000,
    });

    expect(paced).toEqual([100_000, 100_000, 100_000]);
    expect(r.parts[0]?.sha256).toBe(createHash('sha256').update(content).digest('hex'));
  });

  it("without a limit a piece goes whole, and a limit below the connection's high-water mark still sends 64 KiB at a time", async () => {
    const path = join(dir, 'f2.wav');
    await writeFile(path, Buffer.alloc(300_000, 6));
    const whole: number[] = [];
    await post([{ name: 'file', path, fileName: 'f2.wav', contentType: 'audio/wav' }], {
      pace: (bytes) => Promise.resolve(void whole.push(bytes)),
      pieceBytes: () => null,
    });
    expect(whole).toEqual([300_000]);

    const small: number[] = [];
    await post([{ name: 'file', path, fileName: 'f2.wav', contentType: 'audio/wav' }], {
      pace: (bytes) => Promise.resolve(void small.push(bytes)),
      pieceBytes: () => 16 * 1024,
    });
    expect(small).toEqual([65_536, 65_536, 65_536, 65_536, 300_000 - 4 * 65_536]);
  });

  it('stops with a transient failure when the recording changes size while it is sent', async () => {
    const path = join(dir, 'g.wav');
    await writeFile(path, Buffer.alloc(2_000_000, 9));
    let first = true;
    const shrinkOnFirstPiece = (): Promise<void> => {
      if (first) truncateSync(path, 1000);
      first = false;
      return Promise.resolve();
    };

    const attempt = post([{ name: 'file', path, fileName: 'g.wav', contentType: 'audio/wav' }], {
      pace: shrinkOnFirstPiece,
    });

    await expect(attempt).rejects.toThrow(TransientError);
    await expect(attempt).rejects.toThrow(/changed while it was being sent/);
  });

  it('a file that grows while it is sent is stopped too, and never sends more than announced', async () => {
    const path = join(dir, 'h.wav');
    await writeFile(path, Buffer.alloc(300_000, 3));
    let first = true;
    const growOnFirstPiece = async (): Promise<void> => {
      if (first) await appendFile(path, Buffer.alloc(500_000, 4));
      first = false;
    };

    const attempt = post([{ name: 'file', path, fileName: 'h.wav', contentType: 'audio/wav' }], {
      pace: growOnFirstPiece,
    });

    await expect(attempt).rejects.toThrow(/changed while it was being sent/);
  });

  it('trusts the size intake saw: the same size is sent as it is, another shows as a change', async () => {
    const content = randomBytes(1_500_000);
    const path = join(dir, 'known.wav');
    await writeFile(path, content);
    const part = (sizeBytes: number): MultipartPart => ({
      name: 'file',
      path,
      sizeBytes,
      fileName: 'known.wav',
      contentType: 'audio/wav',
    });

    const sent = await post([part(content.length)]);
    expect(sent.parts[0]?.bytes).toBe(content.length);
    expect(sent.parts[0]?.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(sent.bodyBytes).toBe(sent.contentLength);
    // Grown since intake (the file is longer than the size given), and shrunk since.
    await expect(post([part(content.length - 1000)])).rejects.toThrow(
      /changed while it was being sent/,
    );
    await expect(post([part(content.length + 1000)])).rejects.toThrow(
      /changed while it was being sent/,
    );
  });

  it('a recording read into reused buffers arrives byte for byte at a server that reads slowly', async () => {
    // Random content: a buffer read into again before the connection took it would show.
    const content = randomBytes(6 * 1024 * 1024 + 12_345);
    const path = join(dir, 'slow.wav');
    await writeFile(path, content);
    slowReads = true;
    try {
      const r = await post([
        { name: 'file', path, fileName: 'slow.wav', contentType: 'audio/wav' },
      ]);
      expect(r.parts[0]?.bytes).toBe(content.length);
      expect(r.parts[0]?.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    } finally {
      slowReads = false;
    }
  });

  it('reads the next upload into the buffers of one the server took whole and answered 2xx, never of one it refused', async () => {
    const first = randomBytes(3 * 1024 * 1024 + 5);
    const second = randomBytes(2 * 1024 * 1024 + 99);
    await writeFile(join(dir, 'first.wav'), first);
    await writeFile(join(dir, 'second.wav'), second);
    const file = (name: string) => ({
      name: 'file',
      path: join(dir, name),
      fileName: name,
      contentType: 'audio/wav',
    });
    const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    trimUploadBuffers();

    const accepted = new Set<ArrayBufferLike>();
    await post([file('first.wav')], {}, accepted);
    const next = new Set<ArrayBufferLike>();
    const r = await post([file('second.wav')], {}, next);
    // The second recording still arrives whole, read into the first one's buffers.
    expect(r.parts[0]?.sha256).toBe(sha(second));
    expect([...next].some((memory) => accepted.has(memory))).toBe(true);

    trimUploadBuffers();
    answerStatus = 500;
    const refused = new Set<ArrayBufferLike>();
    try {
      await client
        .send({
          method: 'POST',
          path: 'upload',
          body: {
            kind: 'multipart',
            build: async () => noting(await multipartBody([file('first.wav')]), refused),
          },
        })
        .catch(() => undefined);
    } finally {
      answerStatus = 200;
    }
    expect(refused.size).toBeGreaterThan(0);
    const after = new Set<ArrayBufferLike>();
    const again = await post([file('first.wav')], {}, after);
    expect(again.parts[0]?.sha256).toBe(sha(first));
    expect([...after].some((memory) => refused.has(memory))).toBe(false);
  });

  it('gives its buffers back only once the whole body was taken, and keeps none after a trim', async () => {
    const content = randomBytes(2 * 1024 * 1024);
    const path = join(dir, 'taken.wav');
    await writeFile(path, content);
    const part = { name: 'file', path, fileName: 'taken.wav', contentType: 'audio/wav' };
    const memoryOf = async (body: MultipartBody, upTo = Infinity) => {
      const seen = new Set<ArrayBufferLike>();
      let count = 0;
      for await (const piece of body.pieces) {
        if (piece.length >= 64 * 1024) seen.add(piece.buffer);
        if (++count >= upTo) break;
      }
      return seen;
    };
    trimUploadBuffers();

    // Stopped after its first pieces: not fully sent, so nothing is given back.
    const cut = await multipartBody([part]);
    const cutMemory = await memoryOf(cut, 2);
    expect(cut.fullySent()).toBe(false);
    expect(cutMemory.size).toBe(1);
    cut.recycle();
    const fresh = await memoryOf(await multipartBody([part]));
    expect([...fresh].some((memory) => cutMemory.has(memory))).toBe(false);

    // Taken whole: its buffers serve the next body, until a trim.
    const whole = await multipartBody([part]);
    const wholeMemory = await memoryOf(whole);
    expect(whole.fullySent()).toBe(true);
    whole.recycle();
    const reused = await memoryOf(await multipartBody([part]));
    expect([...reused].some((memory) => wholeMemory.has(memory))).toBe(true);

    const again = await multipartBody([part]);
    const againMemory = await memoryOf(again);
    expect(againMemory.size).toBe(2);
    again.recycle();
    trimUploadBuffers();
    const afterTrim = await memoryOf(await multipartBody([part]));
    expect([...afterTrim].some((memory) => againMemory.has(memory))).toBe(false);
  });

  it('hands its hashing every byte it sends, from the top again when the body is built anew (a retried request)', async () => {
    const content = randomBytes(3 * 1024 * 1024 + 777);
    const path = join(dir, 'hashed.wav');
    await writeFile(path, content);
    const hashing = new SentContentHash();
    const part = { name: 'file', path, fileName: 'hashed.wav', contentType: 'audio/wav' };
    await post([{ name: 'info', value: '{}' }, part], { hashing });
    const r = await post([part], { hashing });

    const expected = createHash('sha256').update(content).digest('hex');
    expect(r.parts[0]?.sha256).toBe(expected);
    expect(hashing.digest(content.length)).toBe(expected);
  });

  it('a hash of less than the whole file is no hash', () => {
    const hashing = new SentContentHash();
    hashing.update(Buffer.from('half'));
    expect(hashing.digest(8)).toBeUndefined();
    hashing.update(Buffer.from(' of it'));
    expect(hashing.digest(8)).toBeUndefined();
  });

  it('rejects a recording that is no longer on disk', async () => {
    const attempt = post([
      { name: 'file', path: join(dir, 'gone.wav'), fileName: 'gone.wav', contentType: 'audio/wav' },
    ]);

    await expect(attempt).rejects.toThrow(RejectedError);
    await expect(attempt).rejects.toThrow(/no longer there/);
  });
});
