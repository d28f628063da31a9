import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadless, type RunningService } from '../../../main/cli/run.ts';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store.ts';
import { startApiServer, type ApiServer } from '../../../main/core/server/start-api-server.ts';
import { readTlsFiles } from '../../../main/core/server/tls-files.ts';
import type { WorkstationRow } from '../../../preload/api.ts';
import { hasCommand } from '../../fixtures/system.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import {
  makeTestCertificates,
  type TestCertificates,
} from '../../reliability/network/test-certificates.ts';
import { writeFile } from 'node:fs/promises';

const available = hasCommand('openssl');

/** Starts the headless service in this process with its own data folder and secrets in memory. */
async function startService(dataDir: string, secrets: MemorySecretStore): Promise<RunningService> {
  const running = await startHeadless({
    dataDir,
    listen: { host: '127.0.0.1', port: 0 },
    secrets,
    staticDir: null,
  });
  if ('errors' in running) throw new Error(running.errors);
  return running;
}

describe.skipIf(!available)('a supervisor watching a workstation that serves HTTPS', () => {
  let root: string;
  let certs: TestCertificates;
  let supervisor: RunningService;
  let workstation: RunningService;
  let secure: ApiServer;
  const secrets = new MemorySecretStore();

  beforeAll(async () => {
    root = await tempDirForSuite('call-courier-supervisor-https-');
    certs = await makeTestCertificates(root);
    [supervisor, workstation] = await Promise.all([
      startService(join(root, 'supervisor'), secrets),
      startService(join(root, 'workstation'), new MemorySecretStore()),
    ]);
    const certificate = join(root, 'server-cert.pem');
    const key = join(root, 'server-key.pem');
    await writeFile(certificate, certs.good.cert);
    await writeFile(key, certs.good.key, { mode: 0o600 });
    // The workstation's API also served over HTTPS with a certificate its company's CA signed.
    secure = await startApiServer({
      api: workstation.service,
      host: '127.0.0.1',
      port: 0,
      token: workstation.token,
      monitorToken: workstation.monitorToken,
      metrics: () => workstation.service.metrics(),
      tls: await readTlsFiles({ certificate, key }),
    });
  }, 30_000);

  afterAll(async () => {
    await secure?.close();
    await Promise.all([supervisor?.stop(), workstation?.stop()]);
  });

  async function add(label: string, address: string, caCertificate?: string): Promise<void> {
    const answer = await request(`${supervisor.url}/api/v1/supervisor/workstations`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${supervisor.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        label,
        address,
        monitorToken: workstation.monitorToken,
        ...(caCertificate && { caCertificate }),
      }),
    });
    expect(answer.statusCode, await answer.body.text()).toBe(201);
  }

  it('trusts it with the company CA file, and says in plain words why it cannot without it', async () => {
    const port = new URL(secure.url).port;
    await add('With the company CA', `https://127.0.0.1:${port}`, certs.caFile);
    await add('Without the CA', `https://localhost:${port}`);
    await add('Missing CA file', `https://[::1]:${port}`, join(root, 'no-such-ca.pem'));
    await add('https to a plain port', workstation.url.replace('http:', 'https:'));

    const answer = await request(`${supervisor.url}/api/v1/supervisor/workstations`, {
      headers: { authorization: `Bearer ${supervisor.token}` },
    });
    const rows = (await answer.body.json()) as WorkstationRow[];
    const byLabel = new Map(rows.map((r) => [r.label, r]));
    expect(byLabel.get('With the company CA')).toMatchObject({
      health: 'healthy',
      backlog: 0,
      failed: 0,
      problem: null,
    });
    expect(byLabel.get('Without the CA')).toMatchObject({
      health: 'unreachable',
      problem:
        "unreachable: its certificate is not signed by an authority this computer trusts (give the workstation your company's CA certificate file)",
    });
    expect(byLabel.get('Missing CA file')?.health).toBe('unreachable');
    expect(byLabel.get('Missing CA file')?.problem).toContain(
      `the CA certificate file ${join(root, 'no-such-ca.pem')} does not exist`,
    );
    expect(byLabel.get('https to a plain port')).toMatchObject({
      health: 'unreachable',
      problem: 'unreachable: it does not speak https at this address (try http://)',
    });
  });
});
