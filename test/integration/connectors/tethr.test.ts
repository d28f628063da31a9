import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UploadJob } from '../../../main/core/connectors/connector.ts';
import {
  AuthError,
  ConfigurationError,
  SkipError,
  TransientError,
} from '../../../main/core/connectors/errors.ts';
import { sessionIdOf } from '../../../main/core/connectors/tethr/call-info.ts';
import { TethrClient } from '../../../main/core/connectors/tethr/client.ts';
import type { CallMetadata } from '../../../main/core/metadata/call-metadata.ts';
import {
  DEFAULT_CLIENT,
  startTethrEmulator,
  type TethrEmulator,
  type TethrEmulatorOptions,
} from '../../emulators/tethr/tethr-emulator.ts';
import { writeWav } from '../../fixtures/audio.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';

const signal = new AbortController().signal;
const noProgress = (): void => undefined;

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe('Tethr connector against its emulator', async () => {
  const dir = await tempDirForSuite('call-courier-tethr-');
  let emulator: TethrEmulator;
  let clock: number;
  let sessions: TethrClient[] = [];
  let files = 0;

  async function start(options: TethrEmulatorOptions = {}): Promise<void> {
    await emulator?.close();
    emulator = await startTethrEmulator(options);
  }
  beforeEach(async () => {
    clock = Date.parse('2024-06-01T12:00:00Z');
    await start();
  });
  afterEach(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    sessions = [];
    await emulator.close();
  });

  function open(options: Record<string, string | boolean> = {}, secret?: string): TethrClient {
    const session = new TethrClient(
      {
        profile: {
          id: 'tethr',
          connector: 'tethr',
          allowInsecureHttp: false,
          options: {
            baseUrl: emulator.url,
            clientId: DEFAULT_CLIENT.clientId,
            heartbeat: true,
            useRecordingSettings: false,
            ...options,
          },
        },
        secret: async (field) =>
          field === 'clientSecret' ? (secret ?? DEFAULT_CLIENT.clientSecret) : null,
      },
      { now: () => clock, hostName: 'RECORDER-01' },
    );
    sessions.push(session);
    return session;
  }

  /** A new recording with content of its own, and its job. */
  async function newJob(
    metadata: CallMetadata = {},
    fileName = 'call.wav',
    audio: Partial<NonNullable<UploadJob['audio']>> = {},
  ): Promise<UploadJob> {
    files += 1;
    const path = await writeWav(join(dir, `${files}-${fileName}`), {
      channels: 2,
      seconds: 1 + files / 100,
    });
    return {
      id: files,
      path,
      fileName,
      sizeBytes: (await stat(path)).size,
      sha256: createHash('sha256')
        .update(await readFile(path))
        .digest('hex'),
      audio: {
        container: 'wav',
        codec: 'pcm',
        channels: 2,
        sampleRate: 8000,
        durationSec: 1,
        ...audio,
      },
      metadata: { startTime: '2024-06-01T09:00:00Z', ...metadata },
      attempt: 1,
    };
  }

  const archiveAnswers = () =>
    emulator.requests.filter((r) => r.path === '/callCapture/v1/archive').map((r) => r.status);

  it('gives each recording its own session id, derived from its content', async () => {
    const session = open();
    const first = await newJob();
    const second = await newJob();
    const receipts = [
      await session.upload(first, signal, noProgress),
      await session.upload(second, signal, noProgress),
    ];
    expect(emulator.calls.map((c) => c.sessionId)).toEqual([
      sessionIdOf(first),
      sessionIdOf(second),
    ]);
    expect(receipts.map((r) => r.remoteId)).toEqual([sessionIdOf(first), sessionIdOf(second)]);
    expect(sessionIdOf(first)).not.toBe(sessionIdOf(second));
  });

  it('a retry after a lost answer keeps the session id, and finds the call Tethr already holds instead of sending it twice', async () => {
    const session = open();
    const job = await newJob();
    emulator.setFaults({ dropAfterStore: { count: 1 } });
    const lost = await failure(session.upload(job, signal, noProgress));
    expect(lost).toBeInstanceOf(TransientError);
    expect((lost as TransientError).uncertain).toBe(true);

    const receipt = await session.upload({ ...job, attempt: 2 }, signal, noProgress);

    expect(emulator.calls).toHaveLength(1);
    expect(archiveAnswers()).toEqual(['dropped', 409]);
    expect(receipt).toEqual({ remoteId: sessionIdOf(job) });
    expect(await session.lookup(job, signal)).toEqual(receipt);
  });

  it.each([
    ['MP3', 'call.mp3', { container: 'mp3', codec: 'mp3' }, 'mp3', 'audio/mp3'],
    ['Ogg/Opus', 'call.opus', { container: 'ogg', codec: 'opus' }, 'opus', 'audio/ogg'],
  ] as const)(
    'sends %s as the format and content type Tethr requires',
    async (_, name, audio, format, type) => {
      await open().upload(await newJob({}, name, audio), signal, noProgress);
      expect(emulator.calls[0]).toMatchObject({ fileName: name, contentType: type });
      expect(emulator.calls[0]?.info).toMatchObject({ audio: { format } });
    },
  );

  it('renews its token before Tethr would expire it, without a refused request', async () => {
    const session = open();
    await session.upload(await newJob(), signal, noProgress);
    clock += 1750 * 1000; // Tethr tokens last 1799 s
    await session.upload(await newJob(), signal, noProgress);
    expect(emulator.tokensIssued).toBe(2);
    expect(emulator.requests.filter((r) => r.status === 401)).toEqual([]);
  });

  it('says the API secret may have expired when Tethr refuses a secret that worked before', async () => {
    const session = open();
    await session.upload(await newJob(), signal, noProgress);
    emulator.setSecret(DEFAULT_CLIENT.clientId, 'the rotated secret');
    emulator.expireTokens();

    const error = await failure(session.upload(await newJob(), signal, noProgress));

    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain(
      'the API secret may have expired (Tethr secrets last 365 days)',
    );
    expect(error.message).toContain('call-courier secret set tethr clientSecret');
    expect(error.message).not.toContain(DEFAULT_CLIENT.clientSecret);
    expect(emulator.calls).toHaveLength(1);
  });

  it('says a secret refused from the start was refused, without claiming it worked before', async () => {
    const result = await open({}, 'a wrong secret').testConnection(signal);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^Tethr refused the API user or secret \(invalid_client\)/);
    expect(result.message).not.toContain('a wrong secret');
  });

  it('stops with a configuration error naming the field when the API user is not set', async () => {
    const error = await failure(open({ clientId: '' }).upload(await newJob(), signal, noProgress));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/clientId/);
  });

  it('sends heartbeats with the health as Status, the time and the computer name', async () => {
    const session = open();
    for (const health of ['healthy', 'retrying', 'needs-person', 'paused'] as const) {
      expect(await session.heartbeat(health, signal)).toBe('ok');
    }
    expect(emulator.heartbeats.map((h) => h.Status)).toEqual([1, 10, 20, 30]);
    expect(emulator.heartbeats[0]).toEqual({
      Status: 1,
      TimeStamp: '2024-06-01T12:00:00.000Z',
      Name: 'RECORDER-01',
    });
  });

  it('answers stop when this Tethr does not take heartbeats (404)', async () => {
    emulator.setHeartbeatsSupported(false);
    expect(await open().heartbeat('healthy', signal)).toBe('stop');
  });

  it('sends no heartbeat when the profile turns them off', async () => {
    expect(await open({ heartbeat: false }).heartbeat('healthy', signal)).toBe('stop');
    expect(emulator.requests.filter((r) => r.path === '/callCapture/v1/monitor')).toEqual([]);
  });

  it('follows processing of delivered calls, leaving out calls Tethr does not have', async () => {
    const session = open();
    const jobs = [await newJob(), await newJob()];
    const delivered = [];
    for (const job of jobs) {
      delivered.push({
        id: job.id,
        remoteId: (await session.upload(job, signal, noProgress)).remoteId,
      });
    }
    delivered.push({ id: 999, remoteId: 'callcourier-never-sent' });
    emulator.completeProcessing(sessionIdOf(jobs[1] as UploadJob));

    const states = await session.pollStatus(delivered, signal);

    expect(states).toEqual(
      new Map([
        [jobs[0]?.id, { state: 'processing' }],
        [jobs[1]?.id, { state: 'processed' }],
      ]),
    );
  });

  it('asks about many calls in batches', async () => {
    const delivered = Array.from({ length: 150 }, (_, i) => ({ id: i, remoteId: `s-${i}` }));
    expect((await open().pollStatus(delivered, signal)).size).toBe(0);
    const asked = emulator.requests.filter((r) => r.path === '/callCapture/v1/status');
    expect(asked.map((r) => r.status)).toEqual([200, 200]);
  });

  describe('with Tethr recording settings in use', () => {
    beforeEach(() =>
      start({
        recordingSettings: [
          { refType: 'Agent', source: 'Chaz', lookupId: '1001', recordingSetting: 'None' },
          { refType: 'Agent', source: 'Chaz', lookupId: '1002', recordingSetting: 'Disabled' },
        ],
      }),
    );
    const settingsAsked = () =>
      emulator.requests.filter((r) => r.path === '/sources/v1/recordingSettings').length;

    it('sends calls of listed agents, and skips agents not listed or Disabled with the reason', async () => {
      const session = open({ useRecordingSettings: true });
      await session.upload(await newJob({ agentId: '1001' }), signal, noProgress);
      const disabled = await failure(
        session.upload(await newJob({ agentId: '1002' }), signal, noProgress),
      );
      const unlisted = await failure(
        session.upload(await newJob({ agentId: '1003' }), signal, noProgress),
      );
      const anonymous = await failure(session.upload(await newJob(), signal, noProgress));

      expect(emulator.calls).toHaveLength(1);
      expect(disabled).toBeInstanceOf(SkipError);
      expect(disabled.message).toMatch(/Disabled for agent 1002/);
      expect(unlisted).toBeInstanceOf(SkipError);
      expect(unlisted.message).toMatch(/agent 1003 is not listed/);
      expect(anonymous).toBeInstanceOf(SkipError);
      expect(anonymous.message).toMatch(/names no agent/);
      expect(settingsAsked()).toBe(1);
    });

    it('asks Tethr again after a few minutes, so that an admin change is followed', async () => {
      const session = open({ useRecordingSettings: true });
      await failure(session.upload(await newJob({ agentId: '1003' }), signal, noProgress));
      emulator.setRecordingSettings([
        { refType: 'Agent', source: 'Chaz', lookupId: '1003', recordingSetting: 'None' },
      ]);
      clock += 5 * 60 * 1000;
      await session.upload(await newJob({ agentId: '1003' }), signal, noProgress);
      expect(settingsAsked()).toBe(2);
      expect(emulator.calls).toHaveLength(1);
    });

    it('ignores the settings when the profile does not use them', async () => {
      await open().upload(await newJob({ agentId: '1002' }), signal, noProgress);
      expect(emulator.calls).toHaveLength(1);
      expect(settingsAsked()).toBe(0);
    });

    it('tells on "Test connection" how many agents the settings list', async () => {
      const result = await open({ useRecordingSettings: true }).testConnection(signal);
      expect(result).toEqual({
        ok: true,
        message: expect.stringMatching(/recording settings list 2 agents, 1 of them Disabled$/),
      });
    });
  });
});
