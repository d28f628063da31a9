import { afterEach, describe, expect, it } from 'vitest';
import { hasCommand } from '../../fixtures/system.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import type { DeliveryRig } from '../../integration/delivery/service-fixture.ts';
import {
  deliveredOnce,
  queueRows,
  startProxiedRig,
  Tally,
  waitFor,
  writeCalls,
  type ProxiedRig,
  type QueueRow,
} from './fault-rig.ts';
import { makeTestCertificates, type ServerCertificate } from './test-certificates.ts';

const tally = new Tally('tls');

let current: ProxiedRig | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

describe.skipIf(!hasCommand('openssl'))('HTTPS to an on-premises Ender Turing', async () => {
  const certificates = await makeTestCertificates(await tempDirForSuite('call-courier-tls-'));

  /** A service delivering to https://localhost:PORT, an HTTPS front showing `certificate`. */
  async function httpsRig(
    name: string,
    certificate: ServerCertificate,
    caCertificate?: string,
  ): Promise<ProxiedRig> {
    current = await startProxiedRig(name, {
      proxy: { tls: certificate, hostName: 'localhost' },
      ...(caCertificate === undefined ? {} : { profileOptions: { caCertificate } }),
    });
    return current;
  }

  /** Waits until the recording's attempt stopped on a setting (the destination paused); answers its row. */
  async function stoppedOnSettings(rig: DeliveryRig): Promise<QueueRow> {
    return waitFor('the destination to pause', () =>
      queueRows(rig.dataDir).find((r) => r.errorCode === 'configuration'),
    );
  }

  it('refuses a certificate from an unknown authority, sends nothing, and delivers once the company CA is set', async () => {
    const { rig, proxy } = await httpsRig('tls-unknown-ca', certificates.good);
    const names = await writeCalls(rig.folder, 2, { seconds: 2 });

    const row = await stoppedOnSettings(rig);

    expect(row.status).toBe('retrying');
    expect(row.error).toBe(
      "the certificate of Ender Turing's server localhost is not signed by an authority this computer trusts; nothing was sent: " +
        "if Ender Turing runs on your company's own server, set caCertificate of the profile to your company's CA certificate file (PEM) " +
        '[UNABLE_TO_VERIFY_LEAF_SIGNATURE]',
    );
    // No insecure fallback: not one request got through, neither over TLS nor in the clear.
    expect(proxy.requests).toBe(0);
    expect(rig.emulator.requests).toEqual([]);
    expect((await rig.service.status()).counts.failed).toBe(0);

    const raw = (await rig.service.getSettings()) as { profiles: { options: object }[] };
    const [profile] = raw.profiles;
    if (!profile) throw new Error('no profile');
    const options = { ...profile.options, caCertificate: certificates.caFile };
    expect(await rig.service.putSettings({ ...raw, profiles: [{ ...profile, options }] })).toEqual({
      ok: true,
    });
    const count = await deliveredOnce(rig, names);

    expect(count).toMatchObject({ lost: 0, duplicates: 0 });
    expect(proxy.requests).toBeGreaterThan(0);
    tally.add(count, 1);
  }, 30_000);

  it('refuses a certificate made out for another name, even from the trusted CA', async () => {
    const { rig, proxy } = await httpsRig(
      'tls-wrong-name',
      certificates.wrongName,
      certificates.caFile,
    );
    const names = await writeCalls(rig.folder, 1, { seconds: 2 });

    const row = await stoppedOnSettings(rig);

    expect(row.error).toBe(
      "the certificate of Ender Turing's server localhost is made out for another name (it names DNS:other.example), " +
        'so it cannot be told apart from an impostor; nothing was sent: check the server address of the profile, ' +
        'or have the certificate reissued for localhost [ERR_TLS_CERT_ALTNAME_INVALID]',
    );
    expect(proxy.requests).toBe(0);
    expect(rig.emulator.requests).toEqual([]);
    tally.add({ files: names.length, lost: 0, duplicates: 0 }, 1);
  }, 30_000);

  it('refuses an expired certificate, even from the trusted CA', async () => {
    const { rig, proxy } = await httpsRig('tls-expired', certificates.expired, certificates.caFile);
    const names = await writeCalls(rig.folder, 1, { seconds: 2 });

    const row = await stoppedOnSettings(rig);

    expect(row.error).toMatch(
      /^the certificate of Ender Turing's server localhost expired; nothing was sent: whoever runs the server must renew it \(or this computer's clock is wrong\) \[CERT_HAS_EXPIRED\]$/,
    );
    expect(proxy.requests).toBe(0);
    expect(rig.emulator.requests).toEqual([]);
    tally.add({ files: names.length, lost: 0, duplicates: 0 }, 1);
  }, 30_000);

  it('names a CA file that cannot be read, and what to do', async () => {
    const missing = `${certificates.caFile}.missing`;
    const { rig, proxy } = await httpsRig('tls-ca-missing', certificates.good, missing);
    const names = await writeCalls(rig.folder, 1, { seconds: 2 });

    const row = await stoppedOnSettings(rig);

    expect(row.error).toBe(
      `the CA certificate file ${missing} does not exist: set caCertificate of profile et to the PEM file of your company's certificate authority`,
    );
    expect(proxy.requests).toBe(0);
    tally.add({ files: names.length, lost: 0, duplicates: 0 }, 1);
  }, 30_000);
});
