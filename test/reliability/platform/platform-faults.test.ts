import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { UPLOAD_PATH } from '../../../main/core/connectors/enderturing/requests.ts';
import {
  RecordingLogger,
  startRig,
  waitForStatus,
  type DeliveryRig,
  type RigOptions,
} from '../../integration/delivery/service-fixture.ts';
import { startFaultProxy, type FaultProxy } from '../network/fault-proxy.ts';
import {
  countAtEmulator,
  deliveredOnce,
  queueRows,
  retryReasons,
  startProxiedRig,
  Tally,
  waitFor,
  writeCalls,
  type QueueRow,
} from '../network/fault-rig.ts';

const tally = new Tally('platform');
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** A service delivering straight to the emulator, its log kept. */
async function plainRig(
  name: string,
  options: Omit<RigOptions, 'log'> = {},
): Promise<{ rig: DeliveryRig; log: RecordingLogger }> {
  const log = new RecordingLogger();
  const rig = await startRig(name, { ...options, log });
  stops.push(() => rig.stop());
  return { rig, log };
}

/** Upload requests the emulator answered with `status`. */
function uploadsAnswered(rig: DeliveryRig, status: number): number {
  return rig.emulator.requests.filter(
    (r) => r.path.startsWith(`/${UPLOAD_PATH}`) && r.status === status,
  ).length;
}

/** Waits for the first row waiting to retry with a next attempt time, and answers it. */
function waitingRow(rig: DeliveryRig): Promise<QueueRow> {
  return waitFor('a row waiting to retry', () =>
    queueRows(rig.dataDir).find((r) => r.status === 'retrying' && r.nextAttemptAt !== null),
  );
}

/** Checks, until the row's next attempt is almost due, that the emulator saw no further upload. */
async function noUploadBefore(rig: DeliveryRig, at: number, uploadsSoFar: number): Promise<void> {
  while (Date.now() < at - 250) {
    expect(rig.emulator.requests.filter((r) => r.path.startsWith(`/${UPLOAD_PATH}`))).toHaveLength(
      uploadsSoFar,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Ender Turing misbehaving', () => {
  it('a token revoked in the middle of a batch is renewed and the batch goes on, nothing sent twice', async () => {
    // Each upload is answered after 300 ms, so that the batch is still going when tokens are revoked.
    const { rig } = await plainRig('revoked', {
      faults: { slow: { probability: 1, delayMs: 300, endpoints: ['upload'] } },
    });
    const names = await writeCalls(rig.folder, 8, { seconds: 2 });
    await waitForStatus(rig.service, (s) => s.counts.uploaded >= 2);

    rig.emulator.expireTokens();
    const count = await deliveredOnce(rig, names);

    expect(count).toMatchObject({ lost: 0, duplicates: 0 });
    const refused = uploadsAnswered(rig, 401);
    expect(refused).toBeGreaterThan(0);
    expect(rig.emulator.logins).toBeGreaterThanOrEqual(2);
    tally.add(count, 1);
  }, 30_000);

  it('a login that answers 503 is retried: the recordings wait in the queue, none fails', async () => {
    const { rig, log } = await plainRig('login-503', {
      faults: {
        unavailable: { count: 2, status: 503, retryAfterSeconds: 1, endpoints: ['login'] },
      },
    });
    const names = await writeCalls(rig.folder, 3, { seconds: 2 });

    const count = await deliveredOnce(rig, names);

    expect(count).toMatchObject({ lost: 0, duplicates: 0 });
    const reasons = retryReasons(log);
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) {
      expect(reason).toBe(
        'Ender Turing is not available right now (HTTP 503 Service Unavailable): Service temporarily unavailable',
      );
    }
    expect(rig.emulator.requests.filter((r) => r.status === 503)).toHaveLength(2);
    tally.add(count, 2);
  }, 30_000);

  it('a platform that refuses connections is retried until it is back: the recordings wait, none fails', async () => {
    const port = await freePort();
    const back: { proxy?: FaultProxy } = {};
    const { rig, log } = await plainRig('refused', {
      configure: (base) => {
        const [profile] = base.profiles;
        const options = { ...(profile?.options as object), baseUrl: `http://127.0.0.1:${port}` };
        return { ...base, profiles: [{ ...profile, options }] };
      },
    });
    stops.push(() => back.proxy?.close() ?? Promise.resolve());
    const names = await writeCalls(rig.folder, 2, { seconds: 2 });

    await waitFor('both recordings to wait', () =>
      queueRows(rig.dataDir).filter((r) => r.status === 'retrying').length === 2 ? true : undefined,
    );
    const failedAttempts = retryReasons(log).length;
    expect(retryReasons(log)[0]).toBe(
      'could not reach Ender Turing: the connection was refused (the server is down, or the address or port is wrong)',
    );
    expect((await rig.service.status()).counts.failed).toBe(0);

    back.proxy = await startFaultProxy({ target: rig.emulator.url, port });
    const count = await deliveredOnce(rig, names);

    expect(count).toMatchObject({ lost: 0, duplicates: 0 });
    tally.add(count, failedAttempts);
  }, 30_000);

  it('a file refused as too large (413) or malformed (400) fails alone, in plain words; the others are delivered', async () => {
    const { rig } = await plainRig('refusals', {
      faults: {
        reject: { count: 1, status: 413, detail: 'File too large', endpoints: ['upload'] },
      },
    });
    const first = await writeCalls(rig.folder, 3, { seconds: 2 });
    await waitForStatus(rig.service, (s) => s.counts.failed === 1 && s.counts.uploaded === 2);
    rig.emulator.setFaults({
      reject: {
        count: 1,
        status: 400,
        detail: 'There was an error parsing the body',
        endpoints: ['upload'],
      },
    });
    const second = await writeCalls(rig.folder, 3, { seconds: 2, first: 3 });
    await waitForStatus(rig.service, (s) => s.counts.failed === 2 && s.counts.uploaded === 4);

    const failed = queueRows(rig.dataDir).filter((r) => r.status === 'failed');
    expect(failed.map((r) => [r.errorCode, r.attempts, r.error])).toEqual([
      [
        'rejected',
        1,
        `Ender Turing refused the recording ${failed[0]?.fileName}: File too large (HTTP 413 Payload Too Large): it is larger than Ender Turing (or a proxy in front of it) takes; compress it (MP3 or Ogg/Opus), or have the upload limit raised, then retry it`,
      ],
      [
        'rejected',
        1,
        `Ender Turing refused the recording ${failed[1]?.fileName}: There was an error parsing the body (HTTP 400 Bad Request)`,
      ],
    ]);
    const delivered = [...first, ...second].filter((n) => !failed.some((f) => f.fileName === n));
    const count = countAtEmulator(rig, delivered);
    expect(count).toMatchObject({ lost: 0, duplicates: 0 });
    // The refused files were sent once each and never again.
    expect(uploadsAnswered(rig, 413) + uploadsAnswered(rig, 400)).toBe(2);
    tally.add({ ...count, files: first.length + second.length }, 2);
  }, 30_000);

  it('a 413 from a proxy in front of Ender Turing, answered before the body is read, fails the file in plain words', async () => {
    const proxied = await startProxiedRig('early-413');
    stops.push(() => proxied.stop());
    const { rig, proxy } = proxied;
    proxy.plan([
      {
        fault: { kind: 'answer-early', status: 413, detail: 'Request Entity Too Large' },
        path: `/${UPLOAD_PATH}`,
        count: 1,
      },
    ]);
    // 44.1 kHz stereo for 20 s: 3.5 MB; the refusal is answered as soon as the request starts.
    const names = await writeCalls(rig.folder, 1, { seconds: 20, sampleRate: 44_100 });

    const status = await waitForStatus(rig.service, (s) => s.counts.failed === 1, 20_000);

    expect(status.counts.uploaded).toBe(0);
    const [row] = queueRows(rig.dataDir);
    expect(row?.error).toMatch(
      /^Ender Turing refused the recording .*: Request Entity Too Large \(HTTP 413 Payload Too Large\): it is larger than/,
    );
    expect(rig.emulator.uploads).toEqual([]);
    tally.add({ files: names.length, lost: 0, duplicates: 0 }, 1);
  }, 30_000);

  it('503 with Retry-After in seconds and as a date: each is honoured to the second in the queue database', async () => {
    const { rig } = await plainRig('retry-after', {
      faults: { unavailable: { count: 1, retryAfterSeconds: 2, endpoints: ['upload'] } },
    });
    const [first] = await writeCalls(rig.folder, 1, { seconds: 2 });
    const seconds = await waitingRow(rig);
    // Written together: the next attempt is the Retry-After from the moment the answer came.
    expect(seconds.nextAttemptAt).toBeDefined();
    expect(Math.abs((seconds.nextAttemptAt ?? 0) - seconds.updatedAt - 2_000)).toBeLessThan(250);
    await noUploadBefore(rig, seconds.nextAttemptAt ?? 0, 1);
    const afterSeconds = await deliveredOnce(rig, [first ?? '']);

    rig.emulator.setFaults({
      unavailable: {
        count: 1,
        retryAfterSeconds: 3,
        retryAfterAsDate: true,
        endpoints: ['upload'],
      },
    });
    const [second] = await writeCalls(rig.folder, 1, { seconds: 2, first: 1 });
    const dated = await waitingRow(rig);
    const header = rig.emulator.requests.filter((r) => r.status === 503).at(-1)?.retryAfter ?? '';
    expect(header).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    // The date is whole seconds; the next attempt is that very moment.
    expect(Math.abs((dated.nextAttemptAt ?? 0) - Date.parse(header))).toBeLessThan(250);
    await noUploadBefore(rig, dated.nextAttemptAt ?? 0, 3);
    const count = await deliveredOnce(rig, [first ?? '', second ?? '']);

    expect(afterSeconds).toMatchObject({ lost: 0, duplicates: 0 });
    expect(count).toMatchObject({ lost: 0, duplicates: 0 });
    tally.add(count, 2);
  }, 30_000);

  it('a Retry-After of one hour reschedules the recording an hour ahead, and nothing is sent meanwhile', async () => {
    const { rig } = await plainRig('retry-after-hour', {
      faults: { unavailable: { count: 1, retryAfterSeconds: 3600, endpoints: ['upload'] } },
    });
    const names = await writeCalls(rig.folder, 1, { seconds: 2 });
    const row = await waitingRow(rig);

    expect(Math.abs((row.nextAttemptAt ?? 0) - row.updatedAt - 3_600_000)).toBeLessThan(250);
    // No busy loop: over the next 2 s the platform hears nothing more.
    const heard = rig.emulator.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(rig.emulator.requests).toHaveLength(heard);
    expect(queueRows(rig.dataDir)[0]).toMatchObject({ status: 'retrying', attempts: 1 });

    // A person who knows better sends it now: delivered once.
    await rig.service.retry(row.id);
    const count = await deliveredOnce(rig, names);
    expect(count).toMatchObject({ lost: 0, duplicates: 0 });
    tally.add(count, 1);
  }, 30_000);
});

/** A port nothing listens on (now): connecting to it is refused. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
