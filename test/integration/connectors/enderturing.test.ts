import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorSession, UploadJob } from '../../../main/core/connectors/connector.ts';
import { enderTuring } from '../../../main/core/connectors/enderturing/enderturing.ts';
import {
  AuthError,
  ConfigurationError,
  RejectedError,
  TransientError,
} from '../../../main/core/connectors/errors.ts';
import type { AudioFacts } from '../../../main/core/recording/audio-facts.ts';
import type { Profile } from '../../../main/core/settings/schema.ts';
import {
  DEFAULT_USER,
  startEnderTuringEmulator,
  type EnderTuringEmulator,
} from '../../emulators/enderturing/enderturing-emulator.ts';
import { writeWav } from '../../fixtures/audio.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';

const NAME = '20240131_2059_Agent99_12345678_IN_0.wav';
const STEREO_WAV: AudioFacts = {
  container: 'wav',
  codec: 'pcm',
  channels: 2,
  sampleRate: 8000,
  durationSec: 1,
};

describe('Ender Turing connector against its emulator', async () => {
  const dir = await tempDirForSuite('call-courier-et-');
  const recording = await writeWav(join(dir, NAME), { channels: 2, seconds: 1 });
  let emulator: EnderTuringEmulator;
  let session: ConnectorSession;
  let password: string | null;
  const signal = new AbortController().signal;

  function open(options: Record<string, string | boolean> = {}): ConnectorSession {
    const profile: Profile = {
      id: 'et',
      connector: 'enderturing',
      allowInsecureHttp: false,
      options: {
        baseUrl: emulator.url,
        username: DEFAULT_USER.username,
        language: 'en',
        detailedRealtimeResults: false,
        advancedLanguageIdentification: false,
        allowMono: false,
        ...options,
      },
    };
    return enderTuring.open({
      profile,
      secret: async (field) => (field === 'password' ? password : null),
    });
  }

  async function job(path = recording, overrides: Partial<UploadJob> = {}): Promise<UploadJob> {
    const hash = createHash('sha256');
    await pipeline(createReadStream(path), hash);
    return {
      id: 1,
      path,
      fileName: NAME,
      sizeBytes: (await stat(path)).size,
      sha256: hash.digest('hex'),
      audio: STEREO_WAV,
      metadata: {},
      attempt: 1,
      ...overrides,
    };
  }

  const noProgress = (): void => undefined;
  const failure = (promise: Promise<unknown>): Promise<unknown> =>
    promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (error: unknown) => error,
    );

  beforeEach(async () => {
    password = DEFAULT_USER.password;
    emulator = await startEnderTuringEmulator();
    session = open();
  });
  afterEach(async () => {
    await session.close();
    await emulator.close();
  });

  it('uploads the exact bytes under the original name, as audio/wav, in the chosen language', async () => {
    const sent = await job();

    const receipt = await session.upload(sent, signal, noProgress);

    expect(emulator.uploads).toEqual([
      expect.objectContaining({
        fileName: NAME,
        contentType: 'audio/wav',
        bytes: sent.sizeBytes,
        sha256: sent.sha256,
        language: 'en',
        detailedRealtimeResults: false,
        advancedLanguageIdentification: false,
      }),
    ]);
    expect(receipt).toEqual({ remoteId: emulator.uploads[0]?.sessionId });
  });

  it("passes the profile's recognition options to Ender Turing", async () => {
    await session.close();
    session = open({
      language: 'uk',
      detailedRealtimeResults: true,
      advancedLanguageIdentification: true,
    });

    await session.upload(await job(), signal, noProgress);

    expect(emulator.uploads[0]).toMatchObject({
      language: 'uk',
      detailedRealtimeResults: true,
      advancedLanguageIdentification: true,
    });
  });

  it.each([
    ['mp3', '20240131_2059_Agent99_12345678_IN_0.mp3', 'audio/mpeg'],
    ['ogg', '20240131_2059_Agent99_12345678_IN_0.opus', 'audio/ogg'],
  ] as const)(
    'sends a %s recording with the content type Ender Turing expects',
    async (container, fileName, type) => {
      const sent = await job(recording, {
        fileName,
        audio: { ...STEREO_WAV, container, codec: container === 'mp3' ? 'mp3' : 'opus' },
      });

      await session.upload(sent, signal, noProgress);

      expect(emulator.uploads[0]).toMatchObject({ fileName, contentType: type });
    },
  );

  it('logs in once and keeps the token for later uploads', async () => {
    for (let i = 0; i < 3; i += 1) await session.upload(await job(), signal, noProgress);

    expect(emulator.logins).toBe(1);
    expect(emulator.uploads).toHaveLength(3);
  });

  it('logs in again when the token has expired, and repeats the upload only once', async () => {
    await session.upload(await job(), signal, noProgress);
    emulator.expireTokens();

    await session.upload(await job(), signal, noProgress);

    expect(emulator.logins).toBe(2);
    expect(emulator.uploads).toHaveLength(2);
    expect(emulator.requests.map((r) => `${r.path.split('?')[0]} ${r.status}`)).toEqual([
      '/api/v1/login/access-token 200',
      '/api/v1/recognizer/audio-file 200',
      '/api/v1/recognizer/audio-file 401',
      '/api/v1/login/access-token 200',
      '/api/v1/recognizer/audio-file 200',
    ]);
  });

  it('stops with an authentication failure, not a login loop, when even a new token is refused', async () => {
    emulator.setFaults({ tokenLifetimeSeconds: 0 });

    const error = await failure(session.upload(await job(), signal, noProgress));

    expect(error).toBeInstanceOf(AuthError);
    expect(emulator.logins).toBe(1);
  });

  it('says "Ender Turing refused the username or password" for a wrong password, without repeating it', async () => {
    password = 'not the password';

    const error = await failure(session.upload(await job(), signal, noProgress));

    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toBe('Ender Turing refused the username or password');
    expect(emulator.uploads).toHaveLength(0);
  });

  it('explains how to store a missing password', async () => {
    password = null;

    const error = await failure(session.upload(await job(), signal, noProgress));

    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe(
      'no password stored for profile et: run `call-courier secret set et password`',
    );
  });

  it('retries later, as long as Ender Turing asks, when it is unavailable (503 + Retry-After)', async () => {
    emulator.setFaults({
      unavailable: { count: 1, retryAfterSeconds: 120, endpoints: ['upload'] },
    });

    const error = await failure(session.upload(await job(), signal, noProgress));

    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).retryAfterMs).toBe(120_000);
    expect((error as TransientError).uncertain).toBe(false);
    expect(emulator.uploads).toHaveLength(0);
  });

  it('retries later when Ender Turing says there are too many requests (429)', async () => {
    emulator.setFaults({ tooManyRequests: { count: 1, endpoints: ['upload'] } });

    const error = await failure(session.upload(await job(), signal, noProgress));

    expect(error).toBeInstanceOf(TransientError);
    expect(emulator.uploads).toHaveLength(0);
  });

  it('calls an answer lost after the file was stored uncertain, and the look-up then finds it', async () => {
    emulator.setFaults({ dropAfterStore: { count: 1 } });
    const sent = await job();

    const error = await failure(session.upload(sent, signal, noProgress));
    const found = await session.lookup?.(sent, signal);

    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).uncertain).toBe(true);
    expect(found).toEqual({ remoteId: emulator.uploads[0]?.sessionId });
  });

  it('finds nothing for a recording Ender Turing never received', async () => {
    await session.upload(await job(), signal, noProgress);

    const found = await session.lookup?.(
      await job(recording, { fileName: '20240201_0900_Agent7_555_OUT_1.wav' }),
      signal,
    );

    expect(found).toBeNull();
  });

  it('does not take a recording for another whose name is only part of its own', async () => {
    const longer = await job(recording, {
      fileName: '20240131_2059_Agent99_12345678_IN_0_queue-Sales.wav',
    });
    await session.upload(await job(), signal, noProgress);

    const before = await session.lookup?.(longer, signal);
    const receipt = await session.upload(longer, signal, noProgress);
    const after = await session.lookup?.(longer, signal);

    expect(before).toBeNull();
    expect(after).toEqual(receipt);
    expect(after?.remoteId).not.toBe(emulator.uploads[0]?.sessionId);
  });

  it("marks a file Ender Turing refuses as rejected, with Ender Turing's reason", async () => {
    emulator.setFaults({ reject: { count: 1, status: 422, detail: 'Audio must be stereo' } });

    const error = await failure(session.upload(await job(), signal, noProgress));

    expect(error).toBeInstanceOf(RejectedError);
    expect((error as Error).message).toContain('Audio must be stereo');
  });

  it('marks an empty file as rejected', async () => {
    const empty = join(dir, 'empty.wav');
    await writeFile(empty, '');

    const error = await failure(session.upload(await job(empty), signal, noProgress));

    expect(error).toBeInstanceOf(RejectedError);
    expect((error as Error).message).toContain('The uploaded file is empty');
  });

  it('marks a file that is not audio as rejected (415)', async () => {
    const sent = await job(recording, { fileName: 'notes.txt', audio: null });

    const error = await failure(session.upload(sent, signal, noProgress));

    expect(error).toBeInstanceOf(RejectedError);
    expect((error as Error).message).toContain('Unsupported media type');
  });

  it('reports progress up to the size of the recording', async () => {
    const sent = await job();
    let last = 0;

    await session.upload(sent, signal, (bytes) => (last = bytes));

    expect(last).toBe(sent.sizeBytes);
  });

  it('leaves nothing on the platform when an upload is cancelled half-way', async () => {
    const large = join(dir, 'cancelled.wav');
    await writeWav(large, { channels: 2, seconds: 0.01 });
    await truncate(large, 64 * 1024 * 1024);
    const controller = new AbortController();

    const error = await failure(
      session.upload(await job(large), controller.signal, () => controller.abort()),
    );

    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).uncertain).toBe(false);
    expect(emulator.uploads).toHaveLength(0);
    expect(await session.testConnection(signal)).toMatchObject({ ok: true });
  });

  it('says in plain words that the login works', async () => {
    const result = await session.testConnection(signal);

    expect(result).toEqual({
      ok: true,
      message: `Logged in to ${new URL(emulator.url).host} as uploader@company.com`,
    });
  });

  it('says in plain words that the login fails', async () => {
    password = 'wrong';

    expect(await session.testConnection(signal)).toEqual({
      ok: false,
      message: 'Ender Turing refused the username or password',
    });
  });

  it('streams a 200 MB recording without holding it in memory', async () => {
    const large = join(dir, 'large.wav');
    await writeWav(large, { channels: 2, seconds: 0.01 });
    await truncate(large, 200 * 1024 * 1024);
    const sent = await job(large);
    const before = process.memoryUsage().rss;
    let peak = before;

    await session.upload(sent, signal, () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    });

    expect(emulator.uploads[0]).toMatchObject({ bytes: sent.sizeBytes, sha256: sent.sha256 });
    expect(peak - before).toBeLessThan(sent.sizeBytes / 2);
  });
});
