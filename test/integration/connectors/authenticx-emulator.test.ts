import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_CLIENT,
  startAuthenticxEmulator,
  type AuthenticxEmulator,
} from '../../emulators/authenticx/authenticx-emulator.ts';

const WAV = new Blob([new Uint8Array(2048).fill(1)], { type: 'audio/wav' });
const GOOD = { FileName: 'call.wav', UploadType: 'Audio' };

/** The emulator holds clients to Authenticx's documented contract, the way the platform would. */
describe('Authenticx emulator', () => {
  let emulator: AuthenticxEmulator;
  beforeEach(async () => {
    emulator = await startAuthenticxEmulator();
  });
  afterEach(() => emulator.close());

  function tokenRequest(fields: Record<string, string>, headers: Record<string, string> = {}) {
    return fetch(`${emulator.url}/connect/token`, {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers,
    });
  }

  const formCredentials = {
    grant_type: 'client_credentials',
    client_id: DEFAULT_CLIENT.clientId,
    client_secret: DEFAULT_CLIENT.clientSecret,
    scope: 'acxapi',
  };
  const basic = `Basic ${Buffer.from(`${DEFAULT_CLIENT.clientId}:${DEFAULT_CLIENT.clientSecret}`).toString('base64')}`;

  async function bearer(): Promise<string> {
    const response = await tokenRequest(formCredentials);
    return ((await response.json()) as { access_token: string }).access_token;
  }

  type PartList = readonly (readonly [string, Blob | string, string?])[];

  async function upload(parts: PartList, auth: string | null = null) {
    const body = new FormData();
    for (const [name, value, fileName] of parts) {
      if (typeof value === 'string') body.append(name, value);
      else body.append(name, value, fileName);
    }
    const token = auth ?? (await bearer());
    const response = await fetch(`${emulator.url}/Media/Upload`, {
      method: 'POST',
      body,
      headers: token === '' ? {} : { authorization: `Bearer ${token}` },
    });
    const text = await response.text();
    return { status: response.status, text, headers: response.headers };
  }

  const withMetadata = (metadata: unknown, fileName = 'call.wav'): PartList => [
    ['metadata', JSON.stringify(metadata)],
    ['file', WAV, fileName],
  ];

  it('issues an hour-long token for client credentials and scope acxapi, in the form or as HTTP Basic', async () => {
    const inForm = await tokenRequest(formCredentials);
    const asBasic = await tokenRequest(
      { grant_type: 'client_credentials', scope: 'acxapi' },
      { authorization: basic },
    );

    expect(inForm.status).toBe(200);
    expect(await inForm.json()).toMatchObject({
      expires_in: 3600,
      token_type: 'Bearer',
      scope: 'acxapi',
    });
    expect(asBasic.status).toBe(200);
    expect(emulator.tokensIssued).toBe(2);
  });

  it.each([
    ['a wrong secret', { ...formCredentials, client_secret: 'nope' }, {}, 'invalid_client'],
    ['no scope', { ...formCredentials, scope: '' }, {}, 'invalid_scope'],
    ['another scope', { ...formCredentials, scope: 'openid' }, {}, 'invalid_scope'],
    [
      'the password grant',
      { ...formCredentials, grant_type: 'password' },
      {},
      'unsupported_grant_type',
    ],
    ['both client authentications', formCredentials, { authorization: basic }, 'invalid_request'],
  ])('refuses a token request with %s', async (_, fields, headers, error) => {
    const response = await tokenRequest(fields, headers);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error });
    expect(emulator.tokensIssued).toBe(0);
  });

  it('refuses a token request that is not a form', async () => {
    const response = await fetch(`${emulator.url}/connect/token`, {
      method: 'POST',
      body: JSON.stringify(formCredentials),
      headers: { 'content-type': 'application/json' },
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('stores an upload and answers its conversation id', async () => {
    const answer = await upload(withMetadata({ ...GOOD, LocaleId: 1033 }));

    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.text) as Record<string, unknown>;
    expect(body).toEqual({ Id: emulator.uploads[0]?.id, FileName: 'call.wav', FileSizeKb: 2 });
    expect(emulator.uploads[0]).toMatchObject({
      fileName: 'call.wav',
      bytes: 2048,
      metadata: { ...GOOD, LocaleId: 1033 },
    });
  });

  it('refuses an upload without a valid bearer token', async () => {
    const none = await upload(withMetadata(GOOD), '');
    const wrong = await upload(withMetadata(GOOD), 'forged');

    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('invalid_token');
    expect(emulator.uploads).toEqual([]);
  });

  it.each([
    [
      'a FileName other than the file part',
      withMetadata({ ...GOOD, FileName: 'other.wav' }),
      'File name in metadata and upload file must match!',
    ],
    [
      'another extension in FileName',
      withMetadata({ ...GOOD, FileName: 'call.mp3' }),
      'File extension in metadata file name and upload file must match!',
    ],
    [
      'a Chat upload of audio',
      withMetadata({ ...GOOD, UploadType: 'Chat' }),
      'Invalid file extension ".wav" for upload type Chat',
    ],
    [
      'an extension Authenticx does not take',
      withMetadata({ ...GOOD, FileName: 'call.gsm' }, 'call.gsm'),
      'Invalid file extension ".gsm" for upload type Audio',
    ],
    [
      'an empty file',
      [
        ['metadata', JSON.stringify(GOOD)],
        ['file', new Blob([]), 'call.wav'],
      ] as PartList,
      'The uploaded file is empty.',
    ],
  ])('refuses %s in plain words', async (_, parts, words) => {
    const answer = await upload(parts);

    expect(answer.status).toBe(400);
    expect(answer.text).toContain(words);
    expect(emulator.uploads).toEqual([]);
  });

  it.each([
    ['no metadata', [['file', WAV, 'call.wav']] as PartList, 'metadata'],
    ['no file', [['metadata', JSON.stringify(GOOD)]] as PartList, 'file'],
    [
      'metadata sent as a file',
      [
        ['metadata', new Blob([JSON.stringify(GOOD)]), 'm.json'],
        ['file', WAV, 'call.wav'],
      ] as PartList,
      'metadata',
    ],
    [
      'a part it does not know',
      [...withMetadata(GOOD), ['signedUrl', 'https://x']] as PartList,
      'signedUrl',
    ],
    [
      'metadata that is not JSON',
      [
        ['metadata', '{FileName:'],
        ['file', WAV, 'call.wav'],
      ] as PartList,
      'metadata',
    ],
    ['no UploadType', withMetadata({ FileName: 'call.wav' }), 'UploadType'],
    ['UploadType in lower case', withMetadata({ ...GOOD, UploadType: 'audio' }), 'UploadType'],
    ['a field it does not know', withMetadata({ ...GOOD, Direction: 'Inbound' }), 'Direction'],
    [
      'a CallDirection of Internal',
      withMetadata({ ...GOOD, CallDirection: 'Internal' }),
      'CallDirection',
    ],
    ['LocaleId as text', withMetadata({ ...GOOD, LocaleId: '1033' }), 'LocaleId'],
    ['LocaleId 1049', withMetadata({ ...GOOD, LocaleId: 1049 }), 'LocaleId'],
    [
      'an extended value that is a number',
      withMetadata({ ...GOOD, ExtendedMetadataValues: { Queue: 7 } }),
      'ExtendedMetadataValues.Queue',
    ],
    [
      'an InteractionDate that is not ISO 8601',
      withMetadata({ ...GOOD, InteractionDate: '04/01/2024' }),
      'InteractionDate',
    ],
    [
      'a HierarchyId that is not a GUID',
      withMetadata({ ...GOOD, HierarchyId: 'Accounting' }),
      'HierarchyId',
    ],
    [
      'ApplyHierarchyToAgent as text',
      withMetadata({ ...GOOD, ApplyHierarchyToAgent: 'true' }),
      'ApplyHierarchyToAgent',
    ],
  ])('refuses %s as a validation problem naming the field', async (_, parts, field) => {
    const answer = await upload(parts);

    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(Object.keys((JSON.parse(answer.text) as { errors: object }).errors)).toContain(field);
    expect(emulator.uploads).toEqual([]);
  });

  it('takes the documented date forms and the deprecated ExtendedMetadata', async () => {
    const dates = [
      '2022-03-18T21:52:26',
      '2022-03-18T21:52:26.8816090Z',
      '2022-03-19',
      '2022-03-18T17:56:09.8683110-04:00',
    ];
    for (const [i, InteractionDate] of dates.entries()) {
      const answer = await upload(
        withMetadata(
          { ...GOOD, FileName: `c${i}.wav`, InteractionDate, ExtendedMetadata: [{ Data: 'x' }] },
          `c${i}.wav`,
        ),
      );
      expect(answer.status, answer.text).toBe(200);
    }
  });

  it('keeps one interaction per file name', async () => {
    await upload(withMetadata(GOOD));
    const again = await upload(withMetadata(GOOD));

    expect(again.status).toBe(400);
    expect(again.text).toBe('An interaction with this file name already exists.');
    expect(emulator.uploads).toHaveLength(1);
  });

  it('refuses an upload that is not multipart, and paths it does not have', async () => {
    const json = await fetch(`${emulator.url}/Media/Upload`, {
      method: 'POST',
      body: JSON.stringify(GOOD),
      headers: { authorization: `Bearer ${await bearer()}`, 'content-type': 'application/json' },
    });
    const elsewhere = await fetch(`${emulator.url}/api/Media/Upload`, { method: 'POST' });
    const get = await fetch(`${emulator.url}/Media/Upload`);

    expect([json.status, elsewhere.status, get.status]).toEqual([415, 404, 405]);
  });
});
