import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TransientError } from '../../../main/core/connectors/errors.ts';
import { HttpClient } from '../../../main/core/connectors/http/http-client.ts';
import {
  DEFAULT_USER,
  startEnderTuringEmulator,
  type EnderTuringEmulator,
  type EnderTuringEmulatorOptions,
} from '../../emulators/enderturing/enderturing-emulator.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';

const NAME = '20240131_2059_Agent99_12345678_IN_0.wav';

/** The emulator holds clients to Ender Turing's documented contract, the way the platform would. */
describe('Ender Turing emulator', async () => {
  const dir = await tempDirForSuite('call-courier-et-emulator-');
  let emulator: EnderTuringEmulator;

  async function start(options: EnderTuringEmulatorOptions = {}): Promise<void> {
    await emulator?.close();
    emulator = await startEnderTuringEmulator(options);
  }
  beforeEach(() => start());
  afterEach(() => emulator.close());

  function login(fields: Record<string, string>): Promise<Response> {
    return fetch(`${emulator.url}/api/v1/login/access-token`, {
      method: 'POST',
      body: new URLSearchParams(fields),
    });
  }

  async function token(): Promise<string> {
    const response = await login({ grant_type: 'password', ...credentials() });
    return ((await response.json()) as { access_token: string }).access_token;
  }

  function credentials(): { username: string; password: string } {
    return { username: DEFAULT_USER.username, password: DEFAULT_USER.password };
  }

  function form(parts: readonly [string, Blob | string, string?][]): FormData {
    const body = new FormData();
    for (const [name, value, fileName] of parts) {
      if (typeof value === 'string') body.append(name, value);
      else body.append(name, value, fileName);
    }
    return body;
  }

  async function upload(
    body: FormData,
    { query = 'language=en', bearer }: { query?: string; bearer?: string | null } = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const auth = bearer === null ? undefined : (bearer ?? (await token()));
    const response = await fetch(`${emulator.url}/api/v1/recognizer/audio-file?${query}`, {
      method: 'POST',
      body,
      headers: auth === undefined ? {} : { authorization: `Bearer ${auth}` },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const wav = (bytes = 'RIFF fake audio'): Blob => new Blob([bytes], { type: 'audio/wav' });

  describe('login', () => {
    it('hands out a bearer token for the password grant', async () => {
      const response = await login({ grant_type: 'password', ...credentials() });

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        access_token: expect.any(String),
        token_type: 'bearer',
      });
    });

    it('refuses a wrong password with 400, as FastAPI does', async () => {
      const response = await login({ grant_type: 'password', ...credentials(), password: 'nope' });

      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ detail: 'Incorrect email or password' });
    });

    it('insists on grant_type=password', async () => {
      const missing = await login(credentials());
      const other = await login({ grant_type: 'client_credentials', ...credentials() });

      expect(missing.status).toBe(422);
      expect(other.status).toBe(422);
    });

    it('insists on a form-encoded body', async () => {
      const response = await fetch(`${emulator.url}/api/v1/login/access-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'password', ...credentials() }),
      });

      expect(response.status).toBe(422);
    });
  });

  describe('upload', () => {
    it('stores an upload and answers its session id', async () => {
      const result = await upload(form([['file', wav(), NAME]]));

      expect(result).toEqual({ status: 200, body: { session_id: emulator.uploads[0]?.sessionId } });
      expect(emulator.uploads[0]).toMatchObject({
        fileName: NAME,
        contentType: 'audio/wav',
        bytes: 15,
      });
    });

    it('wants a bearer token, and a live one', async () => {
      const none = await upload(form([['file', wav(), NAME]]), { bearer: null });
      const bogus = await upload(form([['file', wav(), NAME]]), { bearer: 'made-up' });

      expect(none).toEqual({ status: 401, body: { detail: 'Not authenticated' } });
      expect(bogus.status).toBe(401);
    });

    it('wants the language', async () => {
      const result = await upload(form([['file', wav(), NAME]]), { query: '' });

      expect(result.status).toBe(422);
      expect(result.body.detail).toEqual([expect.objectContaining({ loc: ['query', 'language'] })]);
    });

    it('wants exactly one part, named file', async () => {
      const extra = await upload(
        form([
          ['file', wav(), NAME],
          ['note', 'hello'],
        ]),
      );
      const renamed = await upload(form([['audio', wav(), NAME]]));
      const notAFile = await upload(form([['file', 'just text']]));

      expect([extra.status, renamed.status, notAFile.status]).toEqual([422, 422, 422]);
    });

    it('wants an audio content type that matches the file name (415)', async () => {
      const octets = await upload(
        form([['file', new Blob(['x'], { type: 'application/octet-stream' }), NAME]]),
      );
      const mismatch = await upload(form([['file', wav(), NAME.replace('.wav', '.mp3')]]));

      expect(octets.status).toBe(415);
      expect(mismatch.status).toBe(415);
      expect(emulator.uploads).toHaveLength(0);
    });

    it('refuses an empty file', async () => {
      const result = await upload(form([['file', wav(''), NAME]]));

      expect(result).toEqual({ status: 422, body: { detail: 'The uploaded file is empty' } });
    });

    it('keeps the bytes in a folder when given one', async () => {
      await start({ storeDir: dir });

      await upload(form([['file', wav('the exact bytes'), NAME]]));

      const stored = emulator.uploads[0]?.storedPath ?? '';
      expect(await readFile(stored, 'utf8')).toBe('the exact bytes');
    });
  });

  describe('search and metadata', () => {
    async function authorized(path: string, init: RequestInit = {}): Promise<Response> {
      return fetch(`${emulator.url}${path}`, {
        ...init,
        headers: {
          ...(init.headers as Record<string, string>),
          authorization: `Bearer ${await token()}`,
        },
      });
    }

    it('finds a session by its file name without the extension', async () => {
      await upload(form([['file', wav(), NAME]]));
      const filters = encodeURIComponent(`search_query,${NAME.replace('.wav', '')}`);

      const found = await (await authorized(`/api/v1/sessions?filters=${filters}`)).json();
      const none = await (await authorized('/api/v1/sessions?filters=search_query,nothing')).json();

      expect(found).toMatchObject({
        items: [{ id: emulator.uploads[0]?.sessionId, file_name: NAME }],
      });
      expect(none).toMatchObject({ items: [] });
    });

    function put(
      id: string,
      body: string,
      headers: Record<string, string> = {},
    ): Promise<Response> {
      return authorized(`/api/v1/sessions/${id}/metadata`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    }

    async function uploaded(): Promise<string> {
      await upload(form([['file', wav(), NAME]]));
      return emulator.uploads.at(-1)?.sessionId ?? '';
    }

    it('replaces list fields such as crm_statuses, as seed 001 implies by having clients append them', async () => {
      const id = await uploaded();

      await put(id, JSON.stringify({ crm_statuses: ['callback requested'], csi: 3 }));
      const response = await put(id, JSON.stringify({ crm_statuses: ['resolved'], csi: 5 }));

      expect(await response.json()).toEqual({ crm_statuses: ['resolved'], csi: 5 });
      expect(emulator.sessions()[0]?.metadata).toEqual({ crm_statuses: ['resolved'], csi: 5 });
    });

    it('can merge list fields instead, to show that a client does not add the same status twice', async () => {
      await start({ metadataLists: 'merge' });
      const id = await uploaded();

      await put(id, JSON.stringify({ crm_statuses: ['callback requested'] }));
      const response = await put(
        id,
        JSON.stringify({ crm_statuses: ['callback requested', 'resolved'] }),
      );

      expect(await response.json()).toEqual({ crm_statuses: ['callback requested', 'resolved'] });
    });

    it('lists each session with its metadata in the search, as seed 001 reads crm_statuses from it', async () => {
      const id = await uploaded();
      emulator.editMetadata(id, { crm_statuses: ['VIP'], nps: 9 });
      const filters = encodeURIComponent(`search_query,${NAME.replace('.wav', '')}`);

      const found = await (await authorized(`/api/v1/sessions?filters=${filters}`)).json();

      expect(found).toMatchObject({ items: [{ id, crm_statuses: ['VIP'], nps: 9 }] });
    });

    it('answers 404 for a session it does not have, and 422 for metadata that is not an object', async () => {
      const unknown = await put('nope', '{}');
      const list = await put('nope', '[1]');

      expect([unknown.status, list.status]).toEqual([404, 422]);
    });

    it('wants a live bearer token and a JSON body for metadata', async () => {
      const id = await uploaded();
      const anonymous = await fetch(`${emulator.url}/api/v1/sessions/${id}/metadata`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: '{"csi": 3}',
      });
      const asForm = await put(id, 'csi=3', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      const broken = await put(id, '{"csi": 3');

      expect([anonymous.status, asForm.status, broken.status]).toEqual([401, 422, 422]);
      expect(emulator.sessions()[0]?.metadata).toEqual({ crm_statuses: [] });
    });

    it('holds the documented fields to their documented types, and keeps the session unchanged', async () => {
      const id = await uploaded();

      const response = await put(
        id,
        JSON.stringify({
          csi: '3',
          nps: 4.5,
          fcr: true,
          customer_id: 176196,
          campaign_name: ['Spring'],
          crm_statuses: 'resolved',
          notes: { nested: true },
        }),
      );

      expect(response.status).toBe(422);
      const { detail } = (await response.json()) as { detail: { loc: unknown[] }[] };
      expect(detail.map((d) => d.loc.join('.'))).toEqual([
        'body.csi',
        'body.nps',
        'body.fcr',
        'body.customer_id',
        'body.campaign_name',
        'body.crm_statuses',
        'body.notes',
      ]);
      expect(emulator.sessions()[0]?.metadata).toEqual({ crm_statuses: [] });
    });

    it('wants every CRM status to be a text', async () => {
      const id = await uploaded();

      const response = await put(id, JSON.stringify({ crm_statuses: ['resolved', 7] }));

      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({
        detail: [{ loc: ['body', 'crm_statuses', 1] }],
      });
    });
  });

  describe('faults', () => {
    it('answers 503 with Retry-After as many times as told, then works again', async () => {
      emulator.setFaults({
        unavailable: { count: 1, retryAfterSeconds: 9, endpoints: ['upload'] },
      });
      const auth = await token();

      const first = await fetch(`${emulator.url}/api/v1/recognizer/audio-file?language=en`, {
        method: 'POST',
        body: form([['file', wav(), NAME]]),
        headers: { authorization: `Bearer ${auth}` },
      });
      const second = await upload(form([['file', wav(), NAME]]), { bearer: auth });

      expect([first.status, first.headers.get('retry-after')]).toEqual([503, '9']);
      expect(second.status).toBe(200);
      expect(emulator.uploads).toHaveLength(1);
    });

    it('stores the file and then closes the connection without answering', async () => {
      emulator.setFaults({ dropAfterStore: { count: 1 } });

      await expect(upload(form([['file', wav(), NAME]]))).rejects.toThrow();

      expect(emulator.uploads).toHaveLength(1);
      expect(emulator.requests.at(-1)?.status).toBe('dropped');
    });

    it('answers slowly when told to, so that an impatient client gives up', async () => {
      emulator.setFaults({ slow: { count: 1, delayMs: 3_000 } });
      const client = new HttpClient({
        label: 'Ender Turing',
        profileId: 'et',
        baseUrl: emulator.url,
        allowInsecureHttp: false,
        timeouts: { headersMs: 100 },
      });

      const attempt = client.send({ method: 'GET', path: 'api/v1/sessions' });

      await expect(attempt).rejects.toThrow(TransientError);
      await expect(attempt).rejects.toThrow(/timed out waiting for the answer/);
      await client.close();
    });

    it('refuses logins as if the password were wrong', async () => {
      emulator.setFaults({ wrongPassword: { probability: 1 } });

      expect((await login({ grant_type: 'password', ...credentials() })).status).toBe(400);
    });

    it('strikes with the probability it is given', async () => {
      await start({ random: () => 0.3, faults: { tooManyRequests: { probability: 0.5 } } });
      const hit = await login({ grant_type: 'password', ...credentials() });
      emulator.setFaults({ tooManyRequests: { probability: 0.2 } });
      const miss = await login({ grant_type: 'password', ...credentials() });

      expect([hit.status, miss.status]).toEqual([429, 200]);
    });
  });
});
