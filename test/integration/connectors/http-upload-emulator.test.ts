import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startHttpUploadEmulator,
  type HttpUploadEmulator,
} from '../../emulators/http-upload/http-upload-emulator.ts';

/** A multipart body with the given text fields and one file part. */
function form(
  fields: Readonly<Record<string, string>>,
  file: { field: string; name: string; type: string; bytes?: number } = {
    field: 'file',
    name: 'a.wav',
    type: 'audio/wav',
  },
): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  body.append(
    file.field,
    new Blob([new Uint8Array(file.bytes ?? 16)], { type: file.type }),
    file.name,
  );
  return body;
}

describe('the strict HTTP upload receiver', () => {
  let emulator: HttpUploadEmulator;
  let token: string;
  const basic = `Basic ${Buffer.from('courier:secret').toString('base64')}`;

  beforeAll(async () => {
    emulator = await startHttpUploadEmulator({
      path: '/v1/calls',
      query: { source: 'pbx' },
      headers: { 'X-Tenant': 'acme' },
      fields: ['agent'],
      auth: {
        kind: 'oauth2',
        clientId: 'courier',
        clientSecret: 'secret',
        clientAuthentication: 'basic',
      },
    });
    const issued = await tokenAnswer('grant_type=client_credentials', { authorization: basic });
    token = String(issued.body.access_token);
  });
  afterAll(() => emulator.close());

  async function tokenAnswer(body: string, headers: Record<string, string> = {}) {
    const response = await fetch(emulator.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function upload(init: {
    method?: string;
    headers?: Record<string, string>;
    body?: FormData | string;
    query?: string;
  }) {
    const response = await fetch(`${emulator.url}/v1/calls${init.query ?? '?source=pbx'}`, {
      method: init.method ?? 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-tenant': 'acme', ...init.headers },
      body: init.body ?? form({ agent: 'A1' }),
    });
    const text = await response.text();
    return {
      status: response.status,
      message: text ? (JSON.parse(text) as { message?: string }).message : '',
    };
  }

  it('issues a token only for the client credentials grant with the right client', async () => {
    expect(await tokenAnswer('grant_type=password', { authorization: basic })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    const wrong = `Basic ${Buffer.from('courier:guess').toString('base64')}`;
    expect(
      await tokenAnswer('grant_type=client_credentials', { authorization: wrong }),
    ).toMatchObject({
      status: 401,
      body: { error: 'invalid_client' },
    });
    expect(
      await tokenAnswer('grant_type=client_credentials&client_secret=secret', {
        authorization: basic,
      }),
    ).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(
      await tokenAnswer('grant_type=client_credentials&scope=all', { authorization: basic }),
    ).toMatchObject({
      status: 400,
      body: { error: 'invalid_scope' },
    });
    expect(
      await tokenAnswer('grant_type=client_credentials', { authorization: basic }),
    ).toMatchObject({
      status: 200,
      body: { token_type: 'Bearer' },
    });
  });

  it('takes the upload it was set up for, and nothing else', async () => {
    const before = emulator.stored.length;
    expect(await upload({})).toEqual({ status: 201, message: undefined });
    expect(emulator.stored.at(-1)).toMatchObject({
      fields: { agent: 'A1' },
      fileName: 'a.wav',
      bytes: 16,
    });
    expect(await upload({ method: 'PUT' })).toEqual({ status: 405, message: 'Use POST' });
    expect(await upload({ headers: { authorization: 'Bearer nope' } })).toEqual({
      status: 401,
      message: 'The credentials are not valid',
    });
    expect(await upload({ query: '' })).toEqual({
      status: 400,
      message: 'The query parameter source is missing',
    });
    expect(await upload({ query: '?source=pbx&x=1' })).toEqual({
      status: 400,
      message: 'Unknown query parameter x',
    });
    expect(await upload({ headers: { 'x-tenant': 'other' } })).toEqual({
      status: 400,
      message: 'The header X-Tenant must be acme',
    });
    expect(await upload({ body: 'agent=A1', headers: { 'content-type': 'text/plain' } })).toEqual({
      status: 415,
      message: 'Send multipart/form-data',
    });
    expect(await upload({ body: form({}) })).toEqual({
      status: 422,
      message: 'The field agent is required',
    });
    expect(await upload({ body: form({ agent: 'A1', extra: 'x' }) })).toEqual({
      status: 422,
      message: 'Unexpected field extra',
    });
    const misplaced = form({ agent: 'A1' }, { field: 'audio', name: 'a.wav', type: 'audio/wav' });
    expect(await upload({ body: misplaced })).toEqual({
      status: 422,
      message: 'The file must be in the field file, not audio',
    });
    const text = form({ agent: 'A1' }, { field: 'file', name: 'a.txt', type: 'text/plain' });
    expect(await upload({ body: text })).toEqual({
      status: 415,
      message: 'text/plain is not audio',
    });
    const empty = form(
      { agent: 'A1' },
      { field: 'file', name: 'a.wav', type: 'audio/wav', bytes: 0 },
    );
    expect(await upload({ body: empty })).toEqual({ status: 422, message: 'The file is empty' });
    expect(emulator.stored).toHaveLength(before + 1);
  });

  it('stops taking a token once told to expire them, and issues a new one', async () => {
    emulator.expireTokens();
    expect((await upload({})).status).toBe(401);
    const issued = await tokenAnswer('grant_type=client_credentials', { authorization: basic });
    token = String(issued.body.access_token);
    expect((await upload({})).status).toBe(201);
  });
});
