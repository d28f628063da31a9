import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, TransientError } from '../../../../../main/core/connectors/errors.ts';
import { HttpClient } from '../../../../../main/core/connectors/http/http-client.ts';
import { hasCommand } from '../../../../fixtures/system.ts';
import { tempDirForSuite } from '../../../../fixtures/temp-dir.ts';
import { startLoopbackServer, type LoopbackServer } from './loopback-server.ts';

const PROXY_VARIABLES = [
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'NO_PROXY',
  'no_proxy',
];

function clientFor(baseUrl: string, extraCaCertificates?: string): HttpClient {
  return new HttpClient({
    label: 'Test platform',
    profileId: 't',
    baseUrl,
    allowInsecureHttp: true,
    ...(extraCaCertificates === undefined ? {} : { extraCaCertificates }),
  });
}

describe('proxy from the environment', () => {
  const saved = new Map(PROXY_VARIABLES.map((name) => [name, process.env[name]]));
  let proxy: LoopbackServer;
  let direct: LoopbackServer;
  const proxied: string[] = [];

  beforeAll(async () => {
    proxy = await startLoopbackServer((req, res) => {
      proxied.push(req.url ?? '');
      res.end('{"via":"proxy"}');
    });
    direct = await startLoopbackServer((_req, res) => res.end('{"via":"direct"}'));
  });
  afterEach(() => {
    proxied.length = 0;
    for (const [name, value] of saved) {
      if (value === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = value;
    }
  });
  afterAll(async () => {
    await proxy.close();
    await direct.close();
  });

  function useProxy(noProxy?: string): void {
    for (const name of PROXY_VARIABLES) Reflect.deleteProperty(process.env, name);
    process.env.HTTP_PROXY = proxy.url;
    if (noProxy !== undefined) process.env.NO_PROXY = noProxy;
  }

  it('sends requests through HTTP_PROXY', async () => {
    useProxy();
    const client = clientFor('http://platform.test');

    const response = await client.send({ method: 'GET', path: 'api/v1/sessions' });
    await client.close();

    expect(client.json(response)).toEqual({ via: 'proxy' });
    expect(proxied).toEqual(['http://platform.test/api/v1/sessions']);
  });

  it('goes around the proxy for hosts in NO_PROXY', async () => {
    useProxy('platform.test');
    const client = clientFor('http://platform.test');

    await expect(client.send({ method: 'GET', path: 'x' })).rejects.toThrow(TransientError);
    await client.close();

    expect(proxied).toEqual([]);
  });

  it('never sends requests for this computer to a proxy', async () => {
    useProxy();
    const client = clientFor(direct.url);

    const response = await client.send({ method: 'GET', path: 'x' });
    await client.close();

    expect(client.json(response)).toEqual({ via: 'direct' });
    expect(proxied).toEqual([]);
  });
});

describe.skipIf(!hasCommand('openssl'))('extra CA certificates', async () => {
  const dir = await tempDirForSuite('call-courier-tls-');
  let server: Server;
  let url: string;
  let certificate: string;

  beforeAll(async () => {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=On-premises test CA',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ]);
    certificate = await readFile(cert, 'utf8');
    server = createHttpsServer({ key: await readFile(key), cert: certificate }, (_req, res) =>
      res.end('{"ok":true}'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('refuses a server whose certificate nobody vouches for, saying how to fix it', async () => {
    const client = clientFor(url);

    const attempt = client.send({ method: 'GET', path: 'x' });

    await expect(attempt).rejects.toThrow(ConfigurationError);
    await expect(attempt).rejects.toThrow(
      /set caCertificate of the profile to your company's CA certificate file/,
    );
    await client.close();
  });

  it("trusts an on-premises server signed by the profile's extra CA certificate", async () => {
    const client = clientFor(url, certificate);

    const response = await client.send({ method: 'GET', path: 'x' });
    await client.close();

    expect(response.status).toBe(200);
  });
});
