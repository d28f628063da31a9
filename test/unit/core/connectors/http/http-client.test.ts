import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthError,
  ConfigurationError,
  RejectedError,
  TransientError,
} from '../../../../../main/core/connectors/errors.ts';
import {
  HttpClient,
  type HttpRequest,
} from '../../../../../main/core/connectors/http/http-client.ts';
import { multipartBody } from '../../../../../main/core/connectors/http/multipart.ts';
import { TokenCache } from '../../../../../main/core/connectors/http/token-cache.ts';
import { tempDirForSuite } from '../../../../fixtures/temp-dir.ts';
import { bodyText, startLoopbackServer, type LoopbackServer } from './loopback-server.ts';

const get: HttpRequest = { method: 'GET', path: 'api/thing', subject: 'the thing' };

describe('HTTP client', async () => {
  const dir = await tempDirForSuite('call-courier-http-');
  const smallFile = join(dir, 'small.wav');
  const largeFile = join(dir, 'large.wav');
  await writeFile(smallFile, Buffer.alloc(64 * 1024, 1));
  await writeFile(largeFile, Buffer.alloc(24 * 1024 * 1024, 2));

  let handler: RequestListener = (_req, res) => res.end();
  let server: LoopbackServer;
  let client: HttpClient;

  beforeAll(async () => {
    server = await startLoopbackServer((req, res) => handler(req, res));
  });
  beforeEach(async () => {
    await client?.close();
    client = new HttpClient({
      label: 'Test platform',
      profileId: 't',
      baseUrl: server.url,
      allowInsecureHttp: false,
      timeouts: { headersMs: 2_000 },
    });
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  function upload(path: string, signal?: AbortSignal): HttpRequest {
    return {
      method: 'POST',
      path: 'upload',
      subject: 'the recording',
      ...(signal ? { signal } : {}),
      body: {
        kind: 'multipart',
        build: () =>
          multipartBody([{ name: 'file', path, fileName: 'call.wav', contentType: 'audio/wav' }]),
      },
    };
  }

  it('answers a success with its status and body', async () => {
    handler = (_req, res) => res.writeHead(200).end('{"id":"42"}');

    const response = await client.send(get);

    expect(response.status).toBe(200);
    expect(client.json(response)).toEqual({ id: '42' });
  });

  it('sends a form body form-encoded', async () => {
    let seen: { type?: string; body: string } | undefined;
    handler = (req, res) => {
      void bodyText(req).then((body) => {
        seen = { type: req.headers['content-type'], body };
        res.end('{}');
      });
    };

    await client.send({
      method: 'POST',
      path: 'login',
      body: {
        kind: 'form',
        fields: { grant_type: 'password', username: 'a@b.c', password: 'p&q=r' },
      },
    });

    expect(seen).toEqual({
      type: 'application/x-www-form-urlencoded',
      body: 'grant_type=password&username=a%40b.c&password=p%26q%3Dr',
    });
  });

  it('turns 503 with Retry-After into a transient failure that says when to come back', async () => {
    handler = (_req, res) =>
      res.writeHead(503, { 'retry-after': '30' }).end('{"detail":"maintenance"}');

    const error = await client.send(get).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).retryAfterMs).toBe(30_000);
    expect((error as TransientError).message).toContain('maintenance');
  });

  it('turns 429 into a transient failure', async () => {
    handler = (_req, res) => res.writeHead(429).end();

    await expect(client.send(get)).rejects.toThrow(TransientError);
  });

  it("turns 422 into a rejection with the platform's reason", async () => {
    handler = (req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(422).end('{"detail":"Audio must be stereo"}'));
    };

    const attempt = client.send(upload(smallFile));

    await expect(attempt).rejects.toThrow(RejectedError);
    await expect(attempt).rejects.toThrow(
      'Test platform refused the recording: Audio must be stereo',
    );
  });

  it('turns a redirect into a configuration problem rather than following it', async () => {
    handler = (_req, res) => res.writeHead(301, { location: 'https://elsewhere.example/' }).end();

    await expect(client.send(get)).rejects.toThrow(ConfigurationError);
  });

  it('calls a connection dropped after the whole file arrived an uncertain transient failure', async () => {
    handler = (req) => {
      req.resume();
      req.on('end', () => req.socket.destroy());
    };

    const error = await client.send(upload(smallFile)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).uncertain).toBe(true);
  });

  it('calls a connection dropped before the file was sent a certain failure: nothing arrived', async () => {
    handler = (req) => req.socket.destroy();

    const error = await client.send(upload(largeFile)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).uncertain).toBe(false);
  });

  it('calls a refused connection a transient failure', async () => {
    const port = await freePort();
    const offline = new HttpClient({
      label: 'Test platform',
      profileId: 't',
      baseUrl: `http://127.0.0.1:${port}`,
      allowInsecureHttp: false,
    });

    const error = await offline.send(get).catch((e: unknown) => e);
    await offline.close();

    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).message).toContain('could not reach Test platform');
    expect((error as TransientError).uncertain).toBe(false);
  });

  it('gives up on a platform that never answers, as a transient failure', async () => {
    handler = () => undefined;
    const patient = new HttpClient({
      label: 'Test platform',
      profileId: 't',
      baseUrl: server.url,
      allowInsecureHttp: false,
      timeouts: { headersMs: 200 },
    });

    const attempt = patient.send(get);

    await expect(attempt).rejects.toThrow(TransientError);
    await expect(attempt).rejects.toThrow(/timed out waiting for the answer/);
    await patient.close();
  });

  it('reports a cancelled upload as a transient failure', async () => {
    handler = () => undefined;
    const controller = new AbortController();

    const attempt = client.send(upload(smallFile, controller.signal));
    setTimeout(() => controller.abort(), 50);

    await expect(attempt).rejects.toThrow(/cancelled/);
  });

  it('answers a body that is not JSON with a transient failure when JSON was expected', async () => {
    handler = (_req, res) => res.writeHead(200).end('<html>captive portal</html>');

    const response = await client.send(get);

    expect(() => client.json(response)).toThrow(TransientError);
  });

  describe('with a bearer token', () => {
    let logins = 0;
    let valid = new Set<string>();
    const tokens = (): TokenCache =>
      new TokenCache(async () => {
        logins += 1;
        const token = `token-${logins}`;
        valid.add(token);
        return { token };
      });
    const seenTokens: string[] = [];

    beforeEach(() => {
      logins = 0;
      valid = new Set();
      seenTokens.length = 0;
      handler = (req, res) => {
        const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        seenTokens.push(token);
        req.resume();
        req.on('end', () =>
          valid.has(token)
            ? res.end('{"ok":true}')
            : res.writeHead(401).end('{"detail":"expired"}'),
        );
      };
    });

    it('logs in once and reuses the token', async () => {
      const cache = tokens();

      await client.send(get, cache);
      await client.send(get, cache);

      expect(logins).toBe(1);
      expect(seenTokens).toEqual(['token-1', 'token-1']);
    });

    it('logs in again once when the platform refuses a cached token, and repeats the request', async () => {
      const cache = tokens();
      await client.send(get, cache);
      valid.clear();

      const response = await client.send(upload(smallFile), cache);

      expect(response.status).toBe(200);
      expect(logins).toBe(2);
      expect(seenTokens).toEqual(['token-1', 'token-1', 'token-2']);
    });

    it('shares one new login among requests refused at the same time', async () => {
      const cache = tokens();
      await client.send(get, cache);
      valid.clear();

      await Promise.all([
        client.send(get, cache),
        client.send(get, cache),
        client.send(get, cache),
      ]);

      expect(logins).toBe(2);
    });

    it('gives up with an authentication failure when a token just issued is refused', async () => {
      const cache = new TokenCache(async () => {
        logins += 1;
        return { token: 'never-valid' };
      });

      await expect(client.send(get, cache)).rejects.toThrow(AuthError);
      expect(logins).toBe(1);
    });
  });
});

/** A loopback port nothing listens on. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
