import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wavBytes } from '../../fixtures/audio.ts';
import {
  DEFAULT_CLIENT,
  startTethrEmulator,
  type TethrEmulator,
} from '../../emulators/tethr/tethr-emulator.ts';

/** One part of a hand-built multipart body: the emulator must see exactly what a client sends. */
interface Part {
  readonly name: string;
  readonly type?: string;
  readonly fileName?: string;
  readonly body: string | Uint8Array;
}

const BOUNDARY = '------------------------9523f8b393a93f13';

function multipart(parts: readonly Part[]): Buffer {
  const chunks = parts.flatMap((p) => [
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"` +
        (p.fileName ? `; filename="${p.fileName}"` : '') +
        (p.type ? `\r\nContent-Type: ${p.type}` : '') +
        '\r\n\r\n',
    ),
    Buffer.from(p.body),
    Buffer.from('\r\n'),
  ]);
  return Buffer.concat([...chunks, Buffer.from(`--${BOUNDARY}--\r\n`)]);
}

const INFO = {
  sessionId: 'Session ID',
  masterCallId: '2545684745',
  audio: { format: 'wav' },
  startTime: '2015-06-04T13:26:17Z',
  endTime: '2015-06-04T13:48:17Z',
  direction: 'Inbound',
  numberDialed: '5555551234',
  contacts: [
    {
      type: 'agent',
      channel: 0,
      phoneNumber: '555-555-1234',
      referenceId: '3241',
      firstName: 'John',
      lastName: 'Doe',
    },
    { type: 'customer', channel: 1, phoneNumber: '444-555-9876' },
  ],
  metaData: { callQueue: 'Service-Change' },
};
const AUDIO = wavBytes({ channels: 2, seconds: 0.1 });

function infoPart(info: unknown = INFO, type = 'application/json'): Part {
  return { name: 'info', type, body: JSON.stringify(info) };
}
function dataPart(type = 'audio/wav'): Part {
  return { name: 'data', type, fileName: 'Sample.wav', body: AUDIO };
}

/** The emulator holds clients to Tethr's documented contract (seed 002), the way the platform would. */
describe('Tethr emulator', () => {
  let emulator: TethrEmulator;
  beforeEach(async () => {
    emulator = await startTethrEmulator();
  });
  afterEach(() => emulator.close());

  async function token(fields: Record<string, string>): Promise<Response> {
    return fetch(`${emulator.url}/Token`, { method: 'POST', body: new URLSearchParams(fields) });
  }
  async function bearer(): Promise<string> {
    const response = await token({
      grant_type: 'client_credentials',
      client_id: DEFAULT_CLIENT.clientId,
      client_secret: DEFAULT_CLIENT.clientSecret,
    });
    return ((await response.json()) as { access_token: string }).access_token;
  }
  async function archive(parts: readonly Part[], auth?: string | null): Promise<Response> {
    const authorization = auth === null ? undefined : `Bearer ${auth ?? (await bearer())}`;
    return fetch(`${emulator.url}/callCapture/v1/archive`, {
      method: 'POST',
      body: multipart(parts),
      headers: {
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        ...(authorization ? { authorization } : {}),
      },
    });
  }
  async function postJson(path: string, body: unknown): Promise<Response> {
    return fetch(`${emulator.url}${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: {
        'content-type': 'application/json; charset=utf-8',
        authorization: `Bearer ${await bearer()}`,
      },
    });
  }

  it('issues a bearer token for the client-credentials grant only', async () => {
    const good = await token({
      grant_type: 'client_credentials',
      client_id: DEFAULT_CLIENT.clientId,
      client_secret: DEFAULT_CLIENT.clientSecret,
    });
    expect(await good.json()).toMatchObject({ token_type: 'bearer', expires_in: 1799 });
    const password = await token({ grant_type: 'password', username: 'x', password: 'y' });
    expect([password.status, await password.json()]).toEqual([
      400,
      { error: 'unsupported_grant_type' },
    ]);
    const wrong = await token({
      grant_type: 'client_credentials',
      client_id: DEFAULT_CLIENT.clientId,
      client_secret: 'wrong',
    });
    expect([wrong.status, await wrong.json()]).toEqual([400, { error: 'invalid_client' }]);
  });

  it('archives the seed example, answers a call id, and refuses the same session id again', async () => {
    const first = await archive([infoPart(), dataPart()]);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ callId: emulator.calls[0]?.callId });
    expect((await archive([infoPart(), dataPart()])).status).toBe(409);
    expect(emulator.calls).toHaveLength(1);
  });

  it.each([
    ['without a token', () => [infoPart(), dataPart()], null, 401],
    ['with data before info', () => [dataPart(), infoPart()], undefined, 400],
    [
      'with info not declared as JSON',
      () => [infoPart(INFO, 'text/plain'), dataPart()],
      undefined,
      400,
    ],
    [
      'with a misspelt info field',
      () => [infoPart({ ...INFO, sessionID: 'x' }), dataPart()],
      undefined,
      400,
    ],
    [
      'without startTime',
      () => [infoPart({ ...INFO, startTime: undefined }), dataPart()],
      undefined,
      400,
    ],
    [
      'ending before it starts',
      () => [infoPart({ ...INFO, endTime: '2015-06-04T13:00:00Z' }), dataPart()],
      undefined,
      400,
    ],
    [
      'with a direction Tethr does not know',
      () => [infoPart({ ...INFO, direction: 'IN' }), dataPart()],
      undefined,
      400,
    ],
    ['with WAV sent as audio/x-wav', () => [infoPart(), dataPart('audio/x-wav')], undefined, 400],
    [
      'with MP3 sent as audio/mpeg',
      () => [infoPart({ ...INFO, audio: { format: 'mp3' } }), dataPart('audio/mpeg')],
      undefined,
      400,
    ],
    [
      'with a third part',
      () => [infoPart(), dataPart(), { name: 'extra', body: 'x' }],
      undefined,
      400,
    ],
  ] as const)('refuses an archive upload %s', async (_, parts, auth, status) => {
    const response = await archive(parts(), auth);
    expect(response.status).toBe(status);
    expect(await response.json()).toHaveProperty('Message');
    expect(emulator.calls).toEqual([]);
  });

  it('answers the status of each session asked about, NotFound for unknown ones, Complete once processed', async () => {
    await archive([infoPart(), dataPart()]);
    const ask = async () =>
      (
        await postJson('/callCapture/v1/status', { CallSessionIds: ['Session ID', 'other'] })
      ).json();
    expect(await ask()).toEqual({
      callSessions: [
        { status: 'Concluded', callId: emulator.calls[0]?.callId, sessionId: 'Session ID' },
        { status: 'NotFound', callId: null, sessionId: 'other' },
      ],
    });
    emulator.completeProcessing('Session ID');
    expect(await ask()).toMatchObject({
      callSessions: [{ status: 'Complete' }, { status: 'NotFound' }],
    });
    expect((await postJson('/callCapture/v1/status', { callSessionIds: [] })).status).toBe(400);
  });

  it('takes heartbeats with a documented Status (204), and answers 404 where they are not supported', async () => {
    const beat = {
      Status: 1,
      TimeStamp: '2017-07-25T21:35:15.0496248+00:00',
      Name: 'WIN-R2IH0DVK1Q4',
    };
    expect((await postJson('/callCapture/v1/monitor', beat)).status).toBe(204);
    expect((await postJson('/callCapture/v1/monitor', { ...beat, Status: 5 })).status).toBe(400);
    emulator.setHeartbeatsSupported(false);
    expect((await postJson('/callCapture/v1/monitor', beat)).status).toBe(404);
    expect(emulator.heartbeats).toHaveLength(1);
  });

  it('lists the recording settings to a holder of a token only', async () => {
    emulator.setRecordingSettings([
      { refType: 'Agent', source: 'Chaz', lookupId: '1001', recordingSetting: 'None' },
    ]);
    const url = `${emulator.url}/sources/v1/recordingSettings`;
    expect((await fetch(url)).status).toBe(401);
    const listed = await fetch(url, { headers: { authorization: `Bearer ${await bearer()}` } });
    expect(await listed.json()).toEqual([
      { refType: 'Agent', source: 'Chaz', lookupId: '1001', recordingSetting: 'None' },
    ]);
  });
});
