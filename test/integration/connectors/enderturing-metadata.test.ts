import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorSession, UploadJob } from '../../../main/core/connectors/connector.ts';
import { enderTuring } from '../../../main/core/connectors/enderturing/enderturing.ts';
import { RejectedError, TransientError } from '../../../main/core/connectors/errors.ts';
import type { CallMetadata } from '../../../main/core/metadata/call-metadata.ts';
import {
  DEFAULT_USER,
  startEnderTuringEmulator,
  type EnderTuringEmulator,
  type EnderTuringEmulatorOptions,
} from '../../emulators/enderturing/enderturing-emulator.ts';
import { writeWav } from '../../fixtures/audio.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';

const NAME = '20240131_2059_Agent99_12345678_IN_0.wav';
/** What the name says, as the name parser gives it: Ender Turing reads it from the name. */
const FROM_NAME: CallMetadata = {
  startTime: '2024-01-31T20:59:00Z',
  agentId: 'Agent99',
  clientId: '12345678',
  direction: 'IN',
  agentChannel: 0,
};

describe('Ender Turing metadata updates against the emulator', async () => {
  const dir = await tempDirForSuite('call-courier-et-metadata-');
  const recording = await writeWav(join(dir, NAME), { channels: 2, seconds: 1 });
  const sha256 = createHash('sha256')
    .update(await readFile(recording))
    .digest('hex');
  const sizeBytes = (await stat(recording)).size;
  const signal = new AbortController().signal;
  let emulator: EnderTuringEmulator;
  const sessions: ConnectorSession[] = [];

  async function start(options: EnderTuringEmulatorOptions = {}): Promise<void> {
    await emulator?.close();
    emulator = await startEnderTuringEmulator(options);
  }
  beforeEach(() => start());
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.close()));
    await emulator.close();
  });

  function open(updateMetadata = true): ConnectorSession {
    const session = enderTuring.open({
      profile: {
        id: 'et',
        connector: 'enderturing',
        allowInsecureHttp: false,
        options: { baseUrl: emulator.url, username: DEFAULT_USER.username, updateMetadata },
      },
      secret: async (field) => (field === 'password' ? DEFAULT_USER.password : null),
    });
    sessions.push(session);
    return session;
  }

  function job(extra: CallMetadata['extra'], overrides: Partial<UploadJob> = {}): UploadJob {
    return {
      id: 1,
      path: recording,
      fileName: NAME,
      sizeBytes,
      sha256,
      audio: null,
      metadata: { ...FROM_NAME, ...(extra ? { extra } : {}) },
      attempt: 1,
      ...overrides,
    };
  }

  /** Uploads the recording and answers its conversation's id. */
  async function delivered(session: ConnectorSession): Promise<string> {
    return (await session.upload(job({}), signal, () => undefined)).remoteId;
  }

  function metadataOf(id: string): Record<string, unknown> | undefined {
    return emulator.sessions().find((s) => s.id === id)?.metadata;
  }

  const puts = (): number => emulator.requests.filter((r) => r.method === 'PUT').length;

  async function failure(promise: Promise<unknown>): Promise<Error> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, 'expected the update to fail').toBeInstanceOf(Error);
    return error as Error;
  }

  it("puts a sidecar's CRM fields on the conversation, in the types seed 001 documents", async () => {
    const session = open();
    const id = await delivered(session);

    await session.updateMetadata?.(
      job({ fcr: 1, csi: '3', nps: 5, customer_id: 176196, crm_statuses: 'Resolved' }),
      id,
      signal,
    );

    expect(metadataOf(id)).toEqual({
      fcr: 1,
      csi: 3,
      nps: 5,
      customer_id: '176196',
      crm_statuses: ['Resolved'],
    });
  });

  it('sends nothing while the profile leaves "Send call details as metadata" off', async () => {
    const id = await delivered(open());
    const before = emulator.requests.length;

    await open(false).updateMetadata?.(job({ csi: 3 }), id, signal);

    expect(emulator.requests).toHaveLength(before);
    expect(metadataOf(id)).toEqual({ crm_statuses: [] });
  });

  it('keeps the CRM statuses a person set in Ender Turing, and adds the new ones after them', async () => {
    const session = open();
    const id = await delivered(session);
    emulator.editMetadata(id, { crm_statuses: ['VIP', 'Callback'] });

    await session.updateMetadata?.(
      job({ crm_statuses: '["Callback","Resolved"]', csi: 4 }),
      id,
      signal,
    );

    expect(metadataOf(id)).toEqual({ crm_statuses: ['VIP', 'Callback', 'Resolved'], csi: 4 });
  });

  it.each(['replace', 'merge'] as const)(
    'loses no status and doubles none when the platform %ss lists and the details are sent again',
    async (metadataLists) => {
      await start({ metadataLists });
      const session = open();
      const id = await delivered(session);
      emulator.editMetadata(id, { crm_statuses: ['VIP'] });

      await session.updateMetadata?.(job({ crm_statuses: 'Resolved' }), id, signal);
      await session.updateMetadata?.(job({ crm_statuses: 'Resolved' }), id, signal);

      expect(metadataOf(id)).toEqual({ crm_statuses: ['VIP', 'Resolved'] });
    },
  );

  it('updates a recording already there, found by its name', async () => {
    const id = await delivered(open());
    const later = open();

    const found = await later.lookup?.(job({}), signal);
    await later.updateMetadata?.(job({ nps: 9 }), found?.remoteId ?? '', signal);

    expect(found?.remoteId).toBe(id);
    expect(metadataOf(id)).toEqual({ crm_statuses: [], nps: 9 });
  });

  it('sends nothing when the file name already says everything', async () => {
    const session = open();
    const id = await delivered(session);

    await session.updateMetadata?.(job(undefined), id, signal);

    expect(puts()).toBe(0);
  });

  it('sends the call details Ender Turing cannot read from a name outside its format', async () => {
    const session = open();
    const id = await delivered(session);

    await session.updateMetadata?.(
      job(undefined, {
        fileName: 'call-0001.wav',
        metadata: { agentId: '524', clientId: '380994936872', direction: 'OUT', queue: 'Sales' },
      }),
      id,
      signal,
    );

    expect(metadataOf(id)).toEqual({
      crm_statuses: [],
      agent_phone_number: '524',
      destination_id: '380994936872',
      direction: 'OUT',
      queue_name: 'Sales',
    });
  });

  it('logs in again once when its token has expired, and the update goes through', async () => {
    const session = open();
    const id = await delivered(session);
    emulator.expireTokens();

    await session.updateMetadata?.(job({ csi: 2 }), id, signal);

    expect(emulator.logins).toBe(2);
    expect(emulator.requests.slice(-3).map((r) => `${r.method} ${r.status}`)).toEqual([
      'PUT 401',
      'POST 200',
      'PUT 200',
    ]);
    expect(metadataOf(id)).toMatchObject({ csi: 2 });
  });

  it('gives up for good on a conversation Ender Turing does not have, saying so', async () => {
    const session = open();
    await delivered(session);

    const error = await failure(
      session.updateMetadata?.(job({ csi: 2 }), 'deleted-conversation', signal) ??
        Promise.resolve(),
    );

    expect(error).toBeInstanceOf(RejectedError);
    expect(error.message).toBe(
      'Ender Turing has no conversation deleted-conversation (Session not found, HTTP 404): it may have been deleted there, so the call details of 20240131_2059_Agent99_12345678_IN_0.wav were not sent',
    );
  });

  it('retries later, as long as Ender Turing asks, when it is unavailable', async () => {
    const session = open();
    const id = await delivered(session);
    emulator.setFaults({
      unavailable: { count: 1, retryAfterSeconds: 30, endpoints: ['metadata'] },
    });

    const error = await failure(
      session.updateMetadata?.(job({ csi: 2 }), id, signal) ?? Promise.resolve(),
    );

    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).retryAfterMs).toBe(30_000);
    expect(metadataOf(id)).toEqual({ crm_statuses: [] });
  });

  it('refuses a sidecar value Ender Turing would not take, naming it, and sends nothing', async () => {
    const session = open();
    const id = await delivered(session);

    const error = await failure(
      session.updateMetadata?.(job({ csi: 'excellent' }), id, signal) ?? Promise.resolve(),
    );

    expect(error).toBeInstanceOf(RejectedError);
    expect(error.message).toContain('csi as "excellent"');
    expect(puts()).toBe(0);
  });

  it('waits until the search lists the conversation before adding to its statuses, sending the rest', async () => {
    const session = open();
    const id = await delivered(session);
    emulator.editMetadata(id, { crm_statuses: ['VIP'] });
    // The search by this other name does not list the conversation, as just after an upload.
    const unlisted = job(
      { crm_statuses: 'Resolved', csi: 5 },
      { fileName: '20240131_2100_Agent99_12345678_IN_0.wav' },
    );

    const error = await failure(
      session.updateMetadata?.(unlisted, id, signal) ?? Promise.resolve(),
    );

    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toContain('crm_statuses');
    expect(metadataOf(id)).toEqual({ crm_statuses: ['VIP'], csi: 5 });
  });
});
