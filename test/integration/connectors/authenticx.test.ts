import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { authenticx } from '../../../main/core/connectors/authenticx/authenticx.ts';
import type { ConnectorSession, UploadJob } from '../../../main/core/connectors/connector.ts';
import {
  AuthError,
  ConfigurationError,
  RejectedError,
  TransientError,
} from '../../../main/core/connectors/errors.ts';
import type { Profile } from '../../../main/core/settings/schema.ts';
import {
  DEFAULT_CLIENT,
  startAuthenticxEmulator,
  type AuthenticxEmulator,
  type AuthenticxEmulatorOptions,
} from '../../emulators/authenticx/authenticx-emulator.ts';
import { writeSparseRf64, writeWav } from '../../fixtures/audio.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';

const HIERARCHY_ID = '00000000-0000-0000-0000-000000000002';

describe('Authenticx connector against its emulator', async () => {
  const dir = await tempDirForSuite('call-courier-ax-');
  const recording = await writeWav(join(dir, 'recording.wav'), { channels: 2, seconds: 1 });
  let emulator: AuthenticxEmulator;
  let session: ConnectorSession;
  let secret: string | null;
  let sequence = 0;
  const signal = new AbortController().signal;
  const noProgress = (): void => undefined;

  async function start(options: AuthenticxEmulatorOptions = {}): Promise<void> {
    await session?.close();
    await emulator?.close();
    emulator = await startAuthenticxEmulator(options);
    session = open();
  }

  function open(options: Record<string, string | boolean> = {}): ConnectorSession {
    const profile: Profile = {
      id: 'ax',
      connector: 'authenticx',
      allowInsecureHttp: false,
      options: {
        baseUrl: emulator.url,
        clientId: DEFAULT_CLIENT.clientId,
        localeId: '1033',
        applyHierarchyToAgent: false,
        ...options,
      },
    };
    return authenticx.open({
      profile,
      secret: async (field) => (field === 'clientSecret' ? secret : null),
    });
  }

  function reopen(options: Record<string, string | boolean>): void {
    void session.close();
    session = open(options);
  }

  /** An upload job under a name of its own (Authenticx keeps one interaction per name). */
  async function job(overrides: Partial<UploadJob> = {}, path = recording): Promise<UploadJob> {
    sequence += 1;
    return {
      id: sequence,
      path,
      fileName: `call-${sequence}.wav`,
      sizeBytes: (await stat(path)).size,
      sha256: overrides.sha256 ?? (await sha256(path)),
      audio: { container: 'wav', codec: 'pcm', channels: 2, sampleRate: 8000, durationSec: 1 },
      metadata: {},
      attempt: 1,
      ...overrides,
    };
  }

  async function sha256(path: string): Promise<string> {
    const hash = createHash('sha256');
    await pipeline(createReadStream(path), hash);
    return hash.digest('hex');
  }

  async function failure(promise: Promise<unknown>): Promise<Error> {
    const error = await promise.then(
      () => new Error('expected a failure'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    return error as Error;
  }

  const log = (): string[] => emulator.requests.map((r) => `${r.path} ${r.status}`);

  beforeEach(async () => {
    secret = DEFAULT_CLIENT.clientSecret;
    await start();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await session.close();
    await emulator.close();
  });

  it('sends every call detail Authenticx has a field for, under the name of the file part', async () => {
    const sent = await job({
      metadata: {
        startTime: '2024-04-01T15:20:00+03:00',
        agentId: 'A-99',
        agentFirstName: 'James',
        agentLastName: 'Bond',
        clientId: '+380501234567',
        direction: 'OUT',
        callId: 'PBX-1712',
      },
    });

    const receipt = await session.upload(sent, signal, noProgress);

    const [stored] = emulator.uploads;
    expect(receipt).toEqual({ remoteId: stored?.id });
    expect(stored).toMatchObject({ fileName: sent.fileName, contentType: 'audio/wav' });
    expect(stored?.sha256).toBe(sent.sha256);
    expect(stored?.metadata).toEqual({
      FileName: sent.fileName,
      UploadType: 'Audio',
      CallDirection: 'Outbound',
      Phone: '+380501234567',
      AgentFirstName: 'James',
      AgentLastName: 'Bond',
      AgentCode: 'A-99',
      InteractionDate: '2024-04-01T15:20:00+03:00',
      LocaleId: 1033,
      ClientCallId: 'PBX-1712',
    });
  });

  it('sends the remaining call details as text in ExtendedMetadataValues, which Authenticx accepts', async () => {
    await session.upload(
      await job({
        metadata: {
          direction: 'INTERNAL',
          queue: 'Sales',
          waitingTimeSec: 12.5,
          holds: [{ startSec: 3, endSec: 9.5 }],
          extra: { ticket: 'T-1', priority: 2, vip: true },
        },
      }),
      signal,
      noProgress,
    );

    expect(emulator.uploads[0]?.metadata).toMatchObject({
      ExtendedMetadataValues: {
        Direction: 'Internal',
        Queue: 'Sales',
        WaitingTimeSec: '12.5',
        Holds: '3-9.5',
        ticket: 'T-1',
        priority: '2',
        vip: 'true',
      },
    });
    expect(emulator.uploads[0]?.metadata).not.toHaveProperty('CallDirection');
  });

  it("files calls under the profile's hierarchy, for the agent too, in Spanish", async () => {
    reopen({
      hierarchyCode: 'Accounting',
      hierarchyId: HIERARCHY_ID,
      applyHierarchyToAgent: true,
      localeId: '2058',
    });

    await session.upload(await job(), signal, noProgress);

    expect(emulator.uploads[0]?.metadata).toMatchObject({
      HierarchyId: HIERARCHY_ID,
      HierarchyCode: 'Accounting',
      ApplyHierarchyToAgent: true,
      LocaleId: 2058,
    });
  });

  it('refuses to apply a hierarchy to agents when the profile names none, before sending anything', async () => {
    reopen({ applyHierarchyToAgent: true });

    const error = await failure(session.upload(await job(), signal, noProgress));
    const test = await session.testConnection(signal);

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(
      'profile ax applies the hierarchy to agents (applyHierarchyToAgent) but names none: set hierarchyCode or hierarchyId',
    );
    expect(test).toEqual({ ok: false, message: error.message });
    expect(emulator.requests).toEqual([]);
  });

  it('refuses a hierarchy id that is not an Authenticx id, before sending anything', async () => {
    reopen({ hierarchyId: 'Accounting' });

    const error = await failure(session.upload(await job(), signal, noProgress));

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toContain('"Accounting", which is not an Authenticx id');
    expect(emulator.requests).toEqual([]);
  });

  it('rejects a recording over 2.5 GB before anything is sent, saying why', async () => {
    const path = await writeSparseRf64(join(dir, 'night-shift.wav'), {
      channels: 2,
      sampleRate: 8000,
      dataBytes: 2_500_000_000,
    });
    // Not hashed: the queue would have hashed it; 2.5 GB of reading proves nothing here.
    const sent = await job({ audio: null, sha256: '0'.repeat(64) }, path);
    expect(sent.sizeBytes).toBeGreaterThan(2_500_000_000);

    const error = await failure(session.upload(sent, signal, noProgress));

    expect(error).toBeInstanceOf(RejectedError);
    expect(error.message).toMatch(
      /^Authenticx accepts files up to 2\.5 GB; call-\d+\.wav is 2\.5 GB/,
    );
    expect(emulator.requests).toEqual([]);
    expect(authenticx.capabilities.maxBytes).toBe(2_500_000_000);
  });

  it('rejects a file type Authenticx does not take before anything is sent', async () => {
    const error = await failure(
      session.upload(await job({ fileName: 'call.gsm' }), signal, noProgress),
    );

    expect(error).toBeInstanceOf(RejectedError);
    expect(error.message).toBe(
      'Authenticx accepts only .wav .mp3 .mp4 .ogg .opus .m4a recordings; call.gsm is not one of them.',
    );
    expect(emulator.requests).toEqual([]);
  });

  it.each([
    ['call.mp3', 'audio/mpeg'],
    ['call.m4a', 'audio/mp4'],
    ['call.opus', 'audio/ogg'],
    ['CALL.WAV', 'audio/wav'],
  ])('sends %s as %s', async (fileName, contentType) => {
    await session.upload(await job({ fileName }), signal, noProgress);

    expect(emulator.uploads[0]).toMatchObject({ fileName, contentType });
    expect(emulator.uploads[0]?.metadata.FileName).toBe(fileName);
  });

  it('keeps one token for the hour, and gets the next one just before it expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2024-04-01T08:00:00Z') });
    reopen({});

    await session.upload(await job(), signal, noProgress);
    vi.setSystemTime(new Date('2024-04-01T08:30:00Z'));
    await session.upload(await job(), signal, noProgress);
    expect(emulator.tokensIssued).toBe(1);

    vi.setSystemTime(new Date('2024-04-01T08:59:30Z'));
    await session.upload(await job(), signal, noProgress);

    expect(emulator.tokensIssued).toBe(2);
    expect(emulator.uploads).toHaveLength(3);
    expect(log().filter((line) => line.endsWith(' 401'))).toEqual([]);
  });

  it('gets a new token once when Authenticx refuses the old one, and repeats the upload once', async () => {
    await session.upload(await job(), signal, noProgress);
    emulator.expireTokens();

    await session.upload(await job(), signal, noProgress);

    expect(log()).toEqual([
      '/connect/token 200',
      '/Media/Upload 200',
      '/Media/Upload 401',
      '/connect/token 200',
      '/Media/Upload 200',
    ]);
  });

  it('stops with an authentication failure, not a loop, when even a new token is refused', async () => {
    emulator.setFaults({ tokenLifetimeSeconds: 0 });

    const error = await failure(session.upload(await job(), signal, noProgress));

    expect(error).toBeInstanceOf(AuthError);
    expect(emulator.tokensIssued).toBe(1);
  });

  it('asks for tokens at the root of the host when the API is served under a path', async () => {
    await start({ apiPrefix: '/acx' });

    await session.upload(await job(), signal, noProgress);

    expect(log()).toEqual(['/connect/token 200', '/acx/Media/Upload 200']);
  });

  it('says in plain words that the credentials work, or that they are refused', async () => {
    const good = await session.testConnection(signal);
    secret = 'not the secret';
    const bad = await open().testConnection(signal);

    expect(good).toEqual({
      ok: true,
      message: `Signed in to Authenticx at ${new URL(emulator.url).host} as client ${DEFAULT_CLIENT.clientId}`,
    });
    expect(bad).toEqual({
      ok: false,
      message: 'Authenticx refused the client id or secret (invalid_client)',
    });
  });

  it('explains how to store a missing client secret', async () => {
    secret = null;

    const error = await failure(session.upload(await job(), signal, noProgress));

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(
      'no client secret stored for profile ax: run `call-courier secret set ax clientSecret`',
    );
  });

  it('counts a recording as delivered when a retry finds it already there after a lost answer', async () => {
    emulator.setFaults({ dropAfterStore: { count: 1 } });
    const sent = await job();

    const lost = await failure(session.upload(sent, signal, noProgress));
    const retry = await session.upload({ ...sent, attempt: 2 }, signal, noProgress);

    expect(lost).toBeInstanceOf(TransientError);
    expect((lost as TransientError).uncertain).toBe(true);
    expect(retry).toEqual({ remoteId: sent.fileName });
    expect(emulator.uploads).toHaveLength(1);
  });

  it('rejects a new recording whose name Authenticx already has', async () => {
    const first = await job();
    await session.upload(first, signal, noProgress);
    const other = await job({ fileName: first.fileName });

    const error = await failure(session.upload(other, signal, noProgress));

    expect(error).toBeInstanceOf(RejectedError);
    expect(error.message).toBe(
      `Authenticx already has a recording named ${first.fileName}; rename this one to send it too`,
    );
  });

  it("rejects an empty file with Authenticx's own words", async () => {
    const empty = join(dir, 'empty.wav');
    await writeFile(empty, '');

    const error = await failure(session.upload(await job({}, empty), signal, noProgress));

    expect(error).toBeInstanceOf(RejectedError);
    expect(error.message).toContain('The uploaded file is empty.');
  });

  it('retries later when Authenticx says there are too many requests, even without Retry-After', async () => {
    emulator.setFaults({ tooManyRequests: { count: 1, endpoints: ['upload'] } });

    const error = await failure(session.upload(await job(), signal, noProgress));

    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).retryAfterMs).toBeUndefined();
    expect(emulator.uploads).toHaveLength(0);
  });
});
