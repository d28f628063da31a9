import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorSession, UploadJob } from '../../../main/core/connectors/connector.ts';
import {
  AuthError,
  ConfigurationError,
  RejectedError,
} from '../../../main/core/connectors/errors.ts';
import { httpUpload } from '../../../main/core/connectors/http-upload/http-upload.ts';
import type { CallMetadata } from '../../../main/core/metadata/call-metadata.ts';
import {
  startHttpUploadEmulator,
  type HttpUploadEmulator,
  type ReceiverOptions,
} from '../../emulators/http-upload/http-upload-emulator.ts';
import { writeWav } from '../../fixtures/audio.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';

const NAME = 'Олена "VIP" call 2024-01-31.wav';
const METADATA: CallMetadata = {
  agentId: 'Ann & Bob #1',
  clientId: '+15551234567',
  direction: 'OUT',
};

describe('the HTTP API connector against a strict receiver', async () => {
  const dir = await tempDirForSuite('call-courier-http-');
  const path = await writeWav(join(dir, 'recording.wav'), { channels: 1, seconds: 1 });
  const bytes = await readFile(path);
  const signal = new AbortController().signal;
  const noProgress = (): void => undefined;
  const running: { emulator: HttpUploadEmulator; sessions: ConnectorSession[] }[] = [];

  afterEach(async () => {
    for (const { emulator, sessions } of running.splice(0)) {
      await Promise.all(sessions.map((s) => s.close()));
      await emulator.close();
    }
  });

  /** Starts a receiver, and opens sessions for a profile pointing at it. */
  async function receiver(options: ReceiverOptions) {
    const emulator = await startHttpUploadEmulator(options);
    const entry = { emulator, sessions: [] as ConnectorSession[] };
    running.push(entry);
    const open = (
      profileOptions: Record<string, unknown>,
      secrets: Readonly<Record<string, string>> = {},
    ): ConnectorSession => {
      const session = httpUpload.open({
        profile: {
          id: 'shop',
          connector: 'http',
          allowInsecureHttp: false,
          options: { method: 'POST', fileField: 'file', auth: 'none', ...profileOptions } as never,
        },
        secret: async (field) => secrets[field] ?? null,
      });
      entry.sessions.push(session);
      return session;
    };
    return { emulator, open };
  }

  async function job(overrides: Partial<UploadJob> = {}): Promise<UploadJob> {
    return {
      id: 1,
      path,
      fileName: NAME,
      sizeBytes: (await stat(path)).size,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      audio: { container: 'wav', codec: 'pcm', channels: 1, sampleRate: 8000, durationSec: 1 },
      metadata: METADATA,
      attempt: 1,
      ...overrides,
    };
  }

  async function failure(promise: Promise<unknown>): Promise<Error> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, 'expected the call to fail').toBeInstanceOf(Error);
    return error as Error;
  }

  it('sends the file and the filled-in fields with PUT, and reads the id from a list', async () => {
    const { emulator, open } = await receiver({
      method: 'PUT',
      path: '/api/v2/calls',
      query: { agent: 'Ann & Bob #1' },
      fields: ['caller', 'info'],
      optionalFields: ['queue'],
      answer: (stored) => ({ status: 200, body: { result: [{ id: stored.id }] } }),
    });
    const session = open({
      url: `${emulator.url}/api/v2/calls?agent={agentId}`,
      method: 'PUT',
      fields: { caller: '{clientId}', queue: '{queue}', info: '{{"dir": "{direction}"}}' },
      responseIdPath: 'result[0].id',
    });
    const receipt = await session.upload(await job(), signal, noProgress);
    const [stored] = emulator.stored;
    expect(receipt).toEqual({ remoteId: stored?.id });
    expect(stored).toMatchObject({
      method: 'PUT',
      fileName: NAME,
      contentType: 'audio/wav',
      bytes: bytes.length,
      // The recording lacks a queue, so that field is not sent at all.
      fields: { caller: '+15551234567', info: '{"dir": "OUT"}' },
      partOrder: ['caller', 'info', 'file'],
    });
    expect(stored?.headers.authorization).toBeUndefined();
  });

  it('signs in with a username and password, and reports a wrong password as refused', async () => {
    const { emulator, open } = await receiver({
      auth: { kind: 'basic', username: 'shop@example.com', password: 'pä:ss wörd' },
    });
    const options = {
      url: `${emulator.url}/v1/recordings`,
      auth: 'basic',
      username: 'shop@example.com',
    };
    await open(options, { password: 'pä:ss wörd' }).upload(await job(), signal, noProgress);
    expect(emulator.stored).toHaveLength(1);
    const error = await failure(
      open(options, { password: 'guess' }).upload(await job(), signal, noProgress),
    );
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toMatch(/^the HTTP API at 127\.0\.0\.1:\d+ refused the credentials/);
    expect(emulator.stored).toHaveLength(1);
  });

  it('sends a fixed bearer token, and names the command that stores it when it is missing', async () => {
    const { emulator, open } = await receiver({ auth: { kind: 'bearer', token: 'tok-42' } });
    const options = { url: `${emulator.url}/v1/recordings`, auth: 'bearer' };
    await open(options, { token: 'tok-42' }).upload(await job(), signal, noProgress);
    expect(emulator.stored).toHaveLength(1);
    const wrong = await failure(
      open(options, { token: 'tok-41' }).upload(await job(), signal, noProgress),
    );
    expect(wrong).toBeInstanceOf(AuthError);
    const missing = await failure(open(options).upload(await job(), signal, noProgress));
    expect(missing).toBeInstanceOf(ConfigurationError);
    expect(missing.message).toBe(
      'no token stored for profile shop: run `call-courier secret set shop token`',
    );
  });

  it('gets an OAuth 2 token with the secret in the form body, and reuses it', async () => {
    const { emulator, open } = await receiver({
      auth: {
        kind: 'oauth2',
        clientId: 'courier',
        clientSecret: 's3cret',
        clientAuthentication: 'post',
        tokenLifetimeSeconds: 3600,
      },
    });
    const session = open(
      {
        url: `${emulator.url}/v1/recordings`,
        auth: 'oauth2-client-credentials',
        tokenUrl: emulator.tokenUrl,
        clientId: 'courier',
        tokenClientAuth: 'post',
      },
      { clientSecret: 's3cret' },
    );
    await session.upload(await job(), signal, noProgress);
    await session.upload(await job(), signal, noProgress);
    expect(emulator.stored).toHaveLength(2);
    expect(emulator.tokensIssued).toBe(1);
  });

  it('says which scope the token server refused', async () => {
    const { emulator, open } = await receiver({
      auth: {
        kind: 'oauth2',
        clientId: 'c',
        clientSecret: 's',
        scope: 'upload',
        clientAuthentication: 'basic',
      },
    });
    const session = open(
      {
        url: `${emulator.url}/v1/recordings`,
        auth: 'oauth2-client-credentials',
        tokenUrl: emulator.tokenUrl,
        clientId: 'c',
        scope: 'admin',
      },
      { clientSecret: 's' },
    );
    const test = await session.testConnection(signal);
    expect(test.ok).toBe(false);
    expect(test.message).toMatch(
      /^the token server at 127\.0\.0\.1:\d+ refused the scope "admin" \(invalid_scope: The scope "admin" is not allowed\): check scope$/,
    );
    expect(await failure(session.upload(await job(), signal, noProgress))).toBeInstanceOf(
      ConfigurationError,
    );
    expect(emulator.stored).toEqual([]);
  });

  it('puts the API key where the templates say, and asks for it when it is not stored', async () => {
    const { emulator, open } = await receiver({
      query: { key: 'k/+ 1' },
      headers: { 'X-Api-Key': 'k/+ 1' },
      fields: ['key'],
    });
    const options = {
      url: `${emulator.url}/v1/recordings?key={secret:apiKey}`,
      headers: { 'X-Api-Key': '{secret:apiKey}' },
      fields: { key: '{secret:apiKey}' },
    };
    await open(options, { apiKey: 'k/+ 1' }).upload(await job(), signal, noProgress);
    expect(emulator.stored).toHaveLength(1);
    const missing = await failure(open(options).upload(await job(), signal, noProgress));
    expect(missing).toBeInstanceOf(ConfigurationError);
    expect(missing.message).toContain('`call-courier secret set shop apiKey`');
  });

  it('does not send a recording that lacks a detail the address needs', async () => {
    const { emulator, open } = await receiver({ path: '/v1/queues/sales/calls' });
    const session = open({ url: `${emulator.url}/v1/queues/{queue}/calls` });
    const error = await failure(session.upload(await job(), signal, noProgress));
    expect(error).toBeInstanceOf(RejectedError);
    expect(error.message).toBe(
      `the recording ${NAME} has no value for {queue}, which the upload address needs: give it in the file name or a sidecar file, or take it out of the address (url)`,
    );
    expect(emulator.requests).toEqual([]);
    await session.upload(await job({ metadata: { queue: 'sales' } }), signal, noProgress);
    expect(emulator.stored).toHaveLength(1);
  });

  it('does not send a header that cannot carry a detail, and says to send it as a field', async () => {
    const { emulator, open } = await receiver({});
    const session = open({
      url: `${emulator.url}/v1/recordings`,
      headers: { 'X-Agent': '{agentFirstName}' },
    });
    const error = await failure(
      session.upload(await job({ metadata: { agentFirstName: 'Олена' } }), signal, noProgress),
    );
    expect(error).toBeInstanceOf(RejectedError);
    expect(error.message).toContain('Send them as a field instead');
    expect(emulator.requests).toEqual([]);
  });

  it('passes on the platform refusing a field it does not know, with its reason', async () => {
    const { emulator, open } = await receiver({ fields: [] });
    const session = open({ url: `${emulator.url}/v1/recordings`, fields: { agent: '{agentId}' } });
    const error = await failure(session.upload(await job(), signal, noProgress));
    expect(error).toBeInstanceOf(RejectedError);
    expect(error.message).toMatch(/refused the recording .*: Unexpected field agent \(HTTP 422/);
  });

  it('pauses on an answer without the promised id, and on an address the platform does not know', async () => {
    const { emulator, open } = await receiver({
      answer: () => ({ status: 201, body: { ok: true } }),
    });
    const missingId = await failure(
      open({ url: `${emulator.url}/v1/recordings`, responseIdPath: 'data.id' }).upload(
        await job(),
        signal,
        noProgress,
      ),
    );
    expect(missingId).toBeInstanceOf(ConfigurationError);
    expect(missingId.message).toContain(
      'its answer has no id at "data.id" (the answer is an object with the keys ok)',
    );
    const unknown = await failure(
      open({ url: `${emulator.url}/v1/recording` }).upload(await job(), signal, noProgress),
    );
    expect(unknown).toBeInstanceOf(ConfigurationError);
    expect(unknown.message).toContain('check the server address');
  });

  it('keeps the Location of the answer when no responseIdPath is set', async () => {
    const { emulator, open } = await receiver({});
    const receipt = await open({ url: `${emulator.url}/v1/recordings` }).upload(
      await job({ audio: null, fileName: 'call.mp3' }),
      signal,
      noProgress,
    );
    const [stored] = emulator.stored;
    expect(stored?.contentType).toBe('audio/mpeg');
    expect(receipt).toEqual({
      remoteId: `${emulator.url}/v1/recordings/${stored?.id}`,
      url: `${emulator.url}/v1/recordings/${stored?.id}`,
    });
  });

  it('tests a connection by reaching the server, and says when it cannot', async () => {
    const { emulator, open } = await receiver({});
    const options = { url: `${emulator.url}/v1/recordings`, auth: 'bearer' };
    const good = await open(options, { token: 't' }).testConnection(signal);
    expect(good).toEqual({
      ok: true,
      message: `${new URL(emulator.url).host} answers. Whether it accepts the credentials shows with the first upload.`,
    });
    const noToken = await open(options).testConnection(signal);
    expect(noToken).toEqual({
      ok: false,
      message: 'no token stored for profile shop: run `call-courier secret set shop token`',
    });
    await emulator.close();
    const down = await open(options, { token: 't' }).testConnection(signal);
    expect(down.ok).toBe(false);
    expect(down.message).toMatch(
      /^could not reach the HTTP API at 127\.0\.0\.1:\d+: the connection was refused \(the server is down, or the address or port is wrong\)$/,
    );
  });
});
