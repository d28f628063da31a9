import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { behavioralSignals } from '../../../main/core/connectors/behavioralsignals/behavioralsignals.ts';
import type { ConnectorSession, UploadJob } from '../../../main/core/connectors/connector.ts';
import {
  AuthError,
  ConfigurationError,
  RejectedError,
  TransientError,
} from '../../../main/core/connectors/errors.ts';
import type { CallMetadata } from '../../../main/core/metadata/call-metadata.ts';
import {
  DEFAULT_PROJECT,
  QUEUE_FULL_MESSAGE,
  startBehavioralSignalsEmulator,
  type BehavioralSignalsEmulator,
} from '../../emulators/behavioralsignals/behavioralsignals-emulator.ts';
import { writeWav } from '../../fixtures/audio.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';

const NAME = 'support-call.wav';

describe('Behavioral Signals connector against its emulator', async () => {
  const dir = await tempDirForSuite('call-courier-bs-');
  const path = await writeWav(join(dir, NAME), { channels: 2, seconds: 1 });
  const bytes = await readFile(path);
  let emulator: BehavioralSignalsEmulator;
  const sessions: ConnectorSession[] = [];
  let token: string | null;
  const signal = new AbortController().signal;
  const noProgress = (): void => undefined;

  function open(version: 'v5' | 'legacy', options: Record<string, string> = {}): ConnectorSession {
    const session = behavioralSignals.open({
      profile: {
        id: 'bs',
        connector: 'behavioralsignals',
        allowInsecureHttp: false,
        options: {
          baseUrl: version === 'v5' ? emulator.v5Url : emulator.legacyUrl,
          projectId: DEFAULT_PROJECT.cid,
          apiVersion: version,
          ...options,
        },
      },
      secret: async (field) => (field === 'token' ? token : null),
    });
    sessions.push(session);
    return session;
  }

  function job(metadata: CallMetadata, overrides: Partial<UploadJob> = {}): UploadJob {
    return {
      id: 1,
      path,
      fileName: NAME,
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      audio: { container: 'wav', codec: 'pcm', channels: 2, sampleRate: 8000, durationSec: 1 },
      metadata,
      attempt: 1,
      ...overrides,
    };
  }

  const failure = (promise: Promise<unknown>): Promise<Error> =>
    promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (error: unknown) => error as Error,
    );

  /** The query of the only legacy upload the emulator received. */
  function legacyQuery(): Readonly<Record<string, string>> | undefined {
    const [process, ...more] = emulator.processes();
    expect(more).toEqual([]);
    return process?.query;
  }

  beforeEach(async () => {
    token = DEFAULT_PROJECT.token;
    emulator = await startBehavioralSignalsEmulator();
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.close()));
    await emulator.close();
  });

  describe('v5', () => {
    it('names the job after the recording and sends every call detail as the JSON meta field', async () => {
      const metadata: CallMetadata = {
        startTime: '2024-04-01T15:20:00Z',
        agentId: 'agent-7',
        direction: 'OUT',
        holds: [{ startSec: 3, endSec: 9.5 }],
        extra: { ticket: 'T-1042', vip: true },
      };

      const receipt = await open('v5').upload(job(metadata), signal, noProgress);

      const [process] = emulator.processes();
      expect(process).toMatchObject({ version: 'v5', name: NAME, fileName: NAME, meta: metadata });
      expect(receipt.remoteId).toBe(String(process?.pid));
    });

    it('leaves meta out when a recording has no call details', async () => {
      await open('v5').upload(job({}), signal, noProgress);

      const [process] = emulator.processes();
      expect(process?.name).toBe(NAME);
      expect(process && 'meta' in process).toBe(false);
    });

    it('says a good token opens the project, and explains a token of another project as refused', async () => {
      expect(await open('v5').testConnection(signal)).toEqual({
        ok: true,
        message: expect.stringContaining(`project ${DEFAULT_PROJECT.cid}`),
      });
      token = 'bs-token-of-another-project';
      await emulator.close();
      emulator = await startBehavioralSignalsEmulator({
        projects: { [DEFAULT_PROJECT.cid]: DEFAULT_PROJECT.token, '20000456': token },
      });

      const error = await failure(open('v5').upload(job({}), signal, noProgress));

      expect(error).toBeInstanceOf(AuthError);
      expect(error.message).toMatch(/^Behavioral Signals refused the credentials \(HTTP 403/);
      expect(error.message).not.toContain(token);
    });

    it('asks for a numeric project id before sending anything', async () => {
      const error = await failure(
        open('v5', { projectId: 'my-project' }).upload(job({}), signal, noProgress),
      );

      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.message).toContain('project id of profile bs');
      expect(emulator.requests).toEqual([]);
    });
  });

  describe('legacy (seed 004)', () => {
    it('sends the call details as query parameters, field by field', async () => {
      await open('legacy').upload(
        job({
          startTime: '2024-04-01T15:20:42-05:00',
          agentId: 'agent-7',
          skillGroup: 'retention',
          clientId: '+15551234567',
          campaign: 'spring-renewals',
          direction: 'OUT',
          queue: 'not sent',
        }),
        signal,
        noProgress,
      );

      expect(legacyQuery()).toEqual({
        channels: '2',
        calltype: 'outgoing',
        name: NAME,
        agentId: 'agent-7',
        agentTeam: 'retention',
        customerId: '+15551234567',
        ANI: '+15551234567',
        campaignId: 'spring-renewals',
        calltime: '2024-04-01T15:20:42',
        timezone: '-5',
      });
    });

    it('takes the channel count from the audio header and sends only the details it has', async () => {
      const mono = job({ direction: 'IN' });

      await open('legacy').upload(
        { ...mono, audio: mono.audio && { ...mono.audio, channels: 1 } },
        signal,
        noProgress,
      );

      expect(legacyQuery()).toEqual({ channels: '1', calltype: 'incoming', name: NAME });
    });

    it.each([
      ['2024-04-01T15:20:00Z', '2024-04-01T15:20:00', '0'],
      ['2024-04-01T15:20+03:00', '2024-04-01T15:20:00', '3'],
      ['2024-04-01T15:20:00.250+05:30', '2024-04-01T09:50:00', '0'],
    ])('sends start time %s as calltime %s, timezone %s', async (startTime, calltime, timezone) => {
      await open('legacy').upload(job({ direction: 'IN', startTime }), signal, noProgress);

      expect(legacyQuery()).toMatchObject({ calltime, timezone });
    });

    it.each([
      ['no direction', {}, null, /incoming or an outgoing call.*do not say/],
      ['an internal call', { direction: 'INTERNAL' }, null, /say internal/],
      ['an unreadable header', { direction: 'IN' }, 'no audio', /channel count/],
      ['three channels', { direction: 'IN' }, 3, /one or two channels; support-call.wav has 3/],
    ] as const)(
      'refuses %s before sending anything',
      async (_case, metadata: CallMetadata, channels, reason) => {
        const base = job(metadata);
        const audio =
          channels === 'no audio' ? null : base.audio && { ...base.audio, channels: channels ?? 2 };

        const error = await failure(open('legacy').upload({ ...base, audio }, signal, noProgress));

        expect(error).toBeInstanceOf(RejectedError);
        expect(error.message).toMatch(reason);
        expect(emulator.requests).toEqual([]);
      },
    );

    it('flags a recording with more than two channels only for a legacy profile', () => {
      const recording = {
        fileName: NAME,
        sizeBytes: 1,
        audio: { container: 'wav', codec: 'pcm', channels: 4, sampleRate: 8000, durationSec: 1 },
      } as const;

      expect(behavioralSignals.checkRecording?.(recording, { apiVersion: 'legacy' })).toEqual([
        { code: 'unsupported-format', message: expect.stringContaining('this one has 4') },
      ]);
      expect(behavioralSignals.checkRecording?.(recording, { apiVersion: 'v5' })).toEqual([]);
    });

    it("reads the process id from the seed's `id` field as well as `pid`", async () => {
      await emulator.close();
      emulator = await startBehavioralSignalsEmulator({ legacyIdField: 'id' });

      const receipt = await open('legacy').upload(job({ direction: 'IN' }), signal, noProgress);

      expect(receipt.remoteId).toBe(String(emulator.processes()[0]?.pid));
    });
  });

  it.each(['v5', 'legacy'] as const)(
    '%s: a 503 {code, message} is transient, certain not to be kept, and carries its message',
    async (version) => {
      emulator.setFaults({ unavailable: { count: 1 } });

      const error = await failure(
        open(version).upload(job({ direction: 'IN' }), signal, noProgress),
      );

      expect(error).toBeInstanceOf(TransientError);
      expect(error.message).toBe(
        `Behavioral Signals is not available right now (HTTP 503 Service Unavailable): ${QUEUE_FULL_MESSAGE}`,
      );
      expect((error as TransientError).uncertain).toBe(false);
      expect(emulator.processes()).toEqual([]);
    },
  );

  it.each(['v5', 'legacy'] as const)(
    '%s: follows a process from pending through processing to processed or failed',
    async (version) => {
      const client = open(version);
      const pids: string[] = [];
      for (let i = 0; i < 4; i += 1) {
        pids.push((await client.upload(job({ direction: 'IN' }), signal, noProgress)).remoteId);
      }
      const delivered = [...pids, '999999', 'not-a-pid'].map((remoteId, id) => ({ id, remoteId }));
      const [pending = '', running = '', done = '', broken = ''] = pids;
      emulator.startProcessing(running);
      emulator.completeProcessing(done);
      emulator.failProcessing(broken, -1, 'Audio is corrupted');

      const states = await client.pollStatus?.(delivered, signal);

      expect(states).toEqual(
        new Map([
          [0, { state: 'processing' }],
          [1, { state: 'processing' }],
          [2, { state: 'processed' }],
          [3, { state: 'failed', message: expect.stringContaining('Audio is corrupted') }],
        ]),
      );
      expect(pending).not.toBe('');
      emulator.failProcessing(pending, -2, '');
      const credits = await client.pollStatus?.([{ id: 0, remoteId: pending }], signal);
      expect(credits?.get(0)).toEqual({
        state: 'failed',
        message: expect.stringMatching(/no credits left \(insufficient credits\)/),
      });
    },
  );

  it('stops polling with an AuthError when the token is refused', async () => {
    const receipt = await open('v5').upload(job({}), signal, noProgress);
    token = 'revoked-token';

    const error = await failure(
      open('v5').pollStatus?.([{ id: 1, remoteId: receipt.remoteId }], signal) ?? Promise.resolve(),
    );

    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).not.toContain('revoked-token');
  });
});
