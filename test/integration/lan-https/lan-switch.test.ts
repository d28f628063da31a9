import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitoringInfo } from '../../../preload/api.ts';
import { startHeadless, type RunningService } from '../../../main/cli/run.ts';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store.ts';
import { hasCommand } from '../../fixtures/system.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { call, makeCertificateFiles, type CertificateFiles } from './https-fixture.ts';

const haveOpenssl = hasCommand('openssl');

/** Whether anything still accepts connections at `address`. */
async function reachable(address: string): Promise<boolean> {
  return request(`${address}/api/v1/status`).then(
    async (answer) => (await answer.body.dump(), true),
    () => false,
  );
}

describe.skipIf(!haveOpenssl)(
  '"Allow supervisor monitoring" turns the network listener on and off',
  () => {
    let root: string;
    let files: CertificateFiles;
    let running: RunningService;
    /** Admin calls on the service's own (loopback) address. */
    const admin = (path: string, options: Parameters<typeof call>[2] = {}) =>
      call(`${running.url}${path}`, running.token, options);
    const info = async () => JSON.parse((await admin('/api/v1/monitoring')).text) as MonitoringInfo;
    const setMonitoring = async (monitoring: unknown) => {
      const settings = JSON.parse((await admin('/api/v1/settings')).text) as object;
      return admin('/api/v1/settings', { method: 'PUT', json: { ...settings, monitoring } });
    };

    beforeAll(async () => {
      root = await tempDirForSuite('call-courier-lan-switch-');
      files = await makeCertificateFiles(root);
      const started = await startHeadless({
        dataDir: join(root, 'data'),
        listen: { host: '127.0.0.1', port: 0 },
        secrets: new MemorySecretStore(),
        staticDir: null,
        policyFile: join(root, 'no-policy.json'),
      });
      if ('errors' in started) throw new Error(started.errors);
      running = started;
    });

    afterAll(() => running?.stop());

    it('is off by default, and shows the admin the monitor token to hand out', async () => {
      const off = await info();
      expect(off).toEqual({
        enabled: false,
        listening: false,
        secure: false,
        addresses: [],
        monitorToken: running.monitorToken,
        problem: null,
      });
      const fromFile = (await readFile(join(root, 'data', 'monitor-token'), 'utf8')).trim();
      expect(off.monitorToken).toBe(fromFile);
    });

    it('the monitor token cannot read the monitoring info (it holds the token)', async () => {
      const asMonitor = await call(`${running.url}/api/v1/monitoring`, running.monitorToken);
      expect(asMonitor.status).toBe(403);
      expect(asMonitor.text).not.toContain(running.monitorToken);
    });

    it('turned on, listens where it says; the monitor token reads status but cannot pause; turned off, stops', async () => {
      expect((await setMonitoring({ enabled: true, listen: '127.0.0.1:0' })).status).toBe(200);
      const on = await info();
      expect(on).toMatchObject({ enabled: true, listening: true, secure: false, problem: null });
      expect(on.addresses).toHaveLength(1);
      const address = on.addresses[0] ?? '';
      expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(address).not.toBe(running.url);

      expect((await call(`${address}/api/v1/status`, null)).status).toBe(401);
      expect((await call(`${address}/api/v1/status`, on.monitorToken)).status).toBe(200);
      expect((await call(`${address}/metrics`, on.monitorToken)).status).toBe(200);
      const pause = await call(`${address}/api/v1/pause`, on.monitorToken, { method: 'POST' });
      expect(pause.status).toBe(403);
      const status = JSON.parse((await admin('/api/v1/status')).text) as { state: string };
      expect(status.state).not.toBe('paused');

      expect((await setMonitoring({ enabled: false, listen: '127.0.0.1:0' })).status).toBe(200);
      expect(await info()).toMatchObject({ enabled: false, listening: false, addresses: [] });
      expect(await reachable(address)).toBe(false);
      // The service's own address keeps working.
      expect((await admin('/api/v1/status')).status).toBe(200);
    });

    it('with a certificate in the settings, serves HTTPS on the network', async () => {
      const put = await setMonitoring({
        enabled: true,
        listen: '127.0.0.1:0',
        tlsCertificate: files.cert,
        tlsKey: files.key,
      });
      expect(put.status).toBe(200);
      const on = await info();
      expect(on).toMatchObject({ listening: true, secure: true });
      const address = on.addresses[0] ?? '';
      expect(address).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const status = await call(`${address}/api/v1/status`, on.monitorToken, {
        dispatcher: files.trusting,
      });
      expect(status.status).toBe(200);
      expect(await reachable(address.replace('https:', 'http:'))).toBe(false);
      await setMonitoring({ enabled: false });
      expect(await reachable(address)).toBe(false);
    });

    it("settings with a key that is not the certificate's are refused, and nothing changes", async () => {
      const put = await setMonitoring({
        enabled: true,
        listen: '127.0.0.1:0',
        tlsCertificate: files.cert,
        tlsKey: files.otherKey,
      });
      expect(put.status).toBe(422);
      expect(put.text).toContain('does not belong to the certificate');
      expect(await info()).toMatchObject({ enabled: false, listening: false });
    });

    it('half an HTTPS setup (a certificate without its key) is refused', async () => {
      const put = await setMonitoring({ enabled: true, tlsCertificate: files.cert });
      expect(put.status).toBe(422);
      expect(put.text).toContain('HTTPS needs both tlsCertificate and tlsKey');
    });
  },
);

describe.skipIf(!haveOpenssl)('the headless service with monitoring on in its config file', () => {
  it('does not start while the monitoring certificate cannot be read, and says why', async () => {
    const root = await tempDirForSuite('call-courier-lan-config-');
    const config = join(root, 'settings.json');
    const missing = join(root, 'missing.pem');
    await writeFile(
      config,
      JSON.stringify({
        monitoring: {
          enabled: true,
          listen: '127.0.0.1:0',
          tlsCertificate: missing,
          tlsKey: missing,
        },
      }),
    );
    const started = await startHeadless({
      config,
      dataDir: join(root, 'data'),
      listen: { host: '127.0.0.1', port: 0 },
      secrets: new MemorySecretStore(),
      staticDir: null,
      policyFile: join(root, 'no-policy.json'),
    });
    expect('errors' in started && started.errors).toContain(
      `supervisor monitoring could not start: the HTTPS certificate ${missing} does not exist`,
    );
    if (!('errors' in started)) await started.stop();
  });

  it('starts the network listener beside the loopback one', async () => {
    const root = await tempDirForSuite('call-courier-lan-config-on-');
    const config = join(root, 'settings.json');
    await writeFile(
      config,
      JSON.stringify({ monitoring: { enabled: true, listen: '127.0.0.1:0' } }),
    );
    const started = await startHeadless({
      config,
      dataDir: join(root, 'data'),
      listen: { host: '127.0.0.1', port: 0 },
      secrets: new MemorySecretStore(),
      staticDir: null,
      policyFile: join(root, 'no-policy.json'),
    });
    if ('errors' in started) throw new Error(started.errors);
    try {
      const monitoring = await started.service.monitoring();
      expect(monitoring.listening).toBe(true);
      const address = monitoring.addresses[0] ?? '';
      expect((await call(`${address}/api/v1/status`, started.monitorToken)).status).toBe(200);
      expect((await call(`${started.url}/api/v1/status`, started.monitorToken)).status).toBe(200);
    } finally {
      await started.stop();
    }
  });
});
