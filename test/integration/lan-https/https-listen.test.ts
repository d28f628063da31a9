import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadless, type RunningService } from '../../../main/cli/run.ts';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store.ts';
import { hasCommand } from '../../fixtures/system.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { runCli } from '../cli/run-cli.ts';
import { call, makeCertificateFiles, type CertificateFiles } from './https-fixture.ts';

const haveOpenssl = hasCommand('openssl');

describe.skipIf(!haveOpenssl)('the local API over HTTPS (--tls-cert, --tls-key)', () => {
  let root: string;
  let files: CertificateFiles;
  let running: RunningService;

  beforeAll(async () => {
    root = await tempDirForSuite('call-courier-https-');
    files = await makeCertificateFiles(root);
    const started = await startHeadless({
      dataDir: join(root, 'data'),
      listen: { host: '127.0.0.1', port: 0 },
      tls: { certificate: files.cert, key: files.key },
      secrets: new MemorySecretStore(),
      staticDir: null,
      policyFile: join(root, 'no-policy.json'),
    });
    if ('errors' in started) throw new Error(started.errors);
    running = started;
  });

  afterAll(() => running?.stop());

  it('serves https:// and a client that trusts the company CA reaches it', async () => {
    expect(running.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const status = await call(`${running.url}/api/v1/status`, running.token, {
      dispatcher: files.trusting,
    });
    expect(status.status).toBe(200);
    expect(JSON.parse(status.text)).toHaveProperty('counts');
  });

  it('a client that does not trust the certificate is refused before any token is sent', async () => {
    await expect(
      request(`${running.url}/api/v1/status`, {
        headers: { authorization: `Bearer ${running.monitorToken}` },
      }),
    ).rejects.toThrow(/certificate/i);
  });

  it('the monitor token reads status and metrics but cannot change settings; the admin token can', async () => {
    const trusting = { dispatcher: files.trusting };
    const monitor = running.monitorToken;
    expect((await call(`${running.url}/api/v1/status`, monitor, trusting)).status).toBe(200);
    const metrics = await call(`${running.url}/metrics`, monitor, trusting);
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('# TYPE');
    const refused = await call(`${running.url}/api/v1/settings`, monitor, {
      ...trusting,
      method: 'PUT',
      json: { watch: [] },
    });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('needs the admin token');
    const allowed = await call(`${running.url}/api/v1/settings`, running.token, {
      ...trusting,
      method: 'PUT',
      json: { watch: [], upload: { concurrency: 3 } },
    });
    expect(allowed.status).toBe(200);
    const read = await call(`${running.url}/api/v1/settings`, running.token, trusting);
    expect(JSON.parse(read.text)).toMatchObject({ upload: { concurrency: 3 } });
  });

  it('accepts a change from its own https:// page and refuses one from the http:// origin', async () => {
    const post = (origin: string) =>
      request(`${running.url}/api/v1/pause`, {
        method: 'POST',
        dispatcher: files.trusting,
        headers: { authorization: `Bearer ${running.token}`, origin },
      }).then(async (answer) => (await answer.body.dump(), answer.statusCode));
    const own = running.url;
    expect(await post(own.replace('https:', 'http:'))).toBe(403);
    expect(await post(own)).toBe(204);
    await call(`${running.url}/api/v1/resume`, running.token, {
      method: 'POST',
      dispatcher: files.trusting,
    });
  });

  it('plain HTTP to the HTTPS port gets no answer', async () => {
    const plain = running.url.replace('https:', 'http:');
    const outcome = await request(`${plain}/api/v1/status`, {
      headers: { authorization: `Bearer ${running.token}` },
    }).then(
      async (answer) => (await answer.body.dump(), answer.statusCode),
      (error: Error) => error,
    );
    expect(outcome).toBeInstanceOf(Error);
  });
});

describe.skipIf(!haveOpenssl)('a bad certificate or key stops the service from starting', () => {
  let root: string;
  let files: CertificateFiles;

  beforeAll(async () => {
    root = await tempDirForSuite('call-courier-https-bad-');
    files = await makeCertificateFiles(root);
  });

  const start = (certificate: string, key: string) =>
    startHeadless({
      dataDir: join(root, 'data'),
      listen: { host: '127.0.0.1', port: 0 },
      tls: { certificate, key },
      secrets: new MemorySecretStore(),
      staticDir: null,
      policyFile: join(root, 'no-policy.json'),
    });

  it('a missing certificate file is named, with what to do', async () => {
    const missing = join(root, 'nowhere', 'cert.pem');
    const started = await start(missing, files.key);
    expect(started).toEqual({
      errors: expect.stringContaining(
        `the HTTPS certificate ${missing} does not exist: check the path`,
      ),
    });
  });

  it("a key that is not the certificate's is refused, and its content is never shown", async () => {
    const started = await start(files.cert, files.otherKey);
    expect('errors' in started && started.errors).toContain(
      `the HTTPS private key ${files.otherKey} does not belong to the certificate ${files.cert}`,
    );
    const keyBody = files.certs.wrongName.key.split('\n')[1] ?? 'missing';
    expect(JSON.stringify(started)).not.toContain(keyBody);
  });

  it('the key file given as the certificate is refused as not a certificate', async () => {
    const started = await start(files.key, files.key);
    expect('errors' in started && started.errors).toContain('is not a PEM certificate');
    expect(JSON.stringify(started)).not.toContain(files.certs.good.key.split('\n')[1]);
  });

  it('an expired certificate is refused with the date it expired', async () => {
    const started = await start(files.expiredCert, files.expiredKey);
    expect('errors' in started && started.errors).toMatch(
      /expired on \d{4}-\d{2}-\d{2}: ask for a new one/,
    );
  });

  it('`call-courier run` says what is wrong and exits instead of serving plain HTTP', async () => {
    const missingKey = join(root, 'missing-key.pem');
    const run = await runCli([
      'run',
      '--data-dir',
      join(root, 'cli-data'),
      '--listen',
      '127.0.0.1:0',
      '--tls-cert',
      files.cert,
      '--tls-key',
      missingKey,
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `call-courier run: the HTTPS private key ${missingKey} does not exist`,
    );
    expect(run.stdout).not.toContain('is running');
    const half = await runCli([
      'run',
      '--data-dir',
      join(root, 'cli-data'),
      '--tls-cert',
      files.cert,
    ]);
    expect(half.status).toBe(2);
    expect(half.stderr).toContain('HTTPS needs both --tls-cert FILE and --tls-key FILE');
  });
});
