import { afterEach, describe, expect, it } from 'vitest';
import { UPLOAD_PATH } from '../../../main/core/connectors/enderturing/requests.ts';
import type { ProxyFault } from './fault-proxy.ts';
import {
  deliveredOnce,
  queueRows,
  retryReasons,
  startProxiedRig,
  Tally,
  writeCalls,
  type ProxiedRig,
  type ProxiedRigOptions,
} from './fault-rig.ts';

const UPLOAD = `/${UPLOAD_PATH}`;
const tally = new Tally('network');

let current: ProxiedRig | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

/** Starts a rig whose proxy spoils the next `count` uploads with `fault`. */
async function rigWithFault(
  name: string,
  fault: ProxyFault,
  count: number,
  options: ProxiedRigOptions = {},
): Promise<ProxiedRig> {
  current = await startProxiedRig(name, options);
  current.proxy.plan([{ fault, path: UPLOAD, count }]);
  return current;
}

describe('network faults between Call Courier and Ender Turing', () => {
  it('a connection reset in the middle of an upload is retried by the queue, and each recording arrives once', async () => {
    const { rig, proxy, log } = await rigWithFault(
      'reset',
      { kind: 'reset', afterBytes: 64 * 1024 },
      2,
    );
    // 8 kHz stereo, 16-bit: 32 KB a second, so each recording is cut a quarter of the way in.
    const names = await writeCalls(rig.folder, 3, { seconds: 8 });

    const count = await deliveredOnce(rig, names);

    expect(count).toMatchObject({ lost: 0, duplicates: 0 });
    expect(proxy.injected).toBe(2);
    // The queue made the second attempts (claimed in the database), not the HTTP layer.
    expect(
      queueRows(rig.dataDir)
        .map((r) => r.attempts)
        .sort(),
    ).toEqual([1, 2, 2]);
    const reasons = retryReasons(log);
    expect(reasons).toHaveLength(2);
    for (const reason of reasons) {
      expect(reason).toMatch(
        /^could not reach Ender Turing( after the request was sent)?: the connection was closed before an answer came$/,
      );
    }
    tally.add(count, proxy.injected);
  }, 40_000);

  it('a connection that stalls mid-upload is given up after the idle timeout and retried, arriving once', async () => {
    const { rig, proxy, log } = await rigWithFault(
      'stall',
      { kind: 'stall', afterBytes: 512 * 1024 },
      1,
      { profileOptions: { timeoutSeconds: 2 } },
    );
    // 44.1 kHz stereo for 60 s: 10.6 MB, more than the sockets on both sides can buffer.
    const names = await writeCalls(rig.folder, 1, { seconds: 60, sampleRate: 44_100 });

    const count = await deliveredOnce(rig, names);

    expect(count).toMatchObject({ lost: 0, duplicates: 0 });
    expect(proxy.injected).toBe(1);
    expect(queueRows(rig.dataDir).map((r) => r.attempts)).toEqual([2]);
    expect(retryReasons(log)).toEqual([
      'could not reach Ender Turing: the connection stalled: the server stopped taking the request and did not answer',
    ]);
    tally.add(count, proxy.injected);
  }, 40_000);

  it('an answer that never comes after a whole upload is checked with Ender Turing before sending again', async () => {
    const { rig, proxy, log } = await rigWithFault('hold', { kind: 'hold-answer' }, 1, {
      profileOptions: { timeoutSeconds: 2 },
    });
    const names = await writeCalls(rig.folder, 1, { seconds: 4 });

    const count = await deliveredOnce(rig, names);

    // The platform kept the first upload; the retry found it instead of sending it again.
    expect(count).toMatchObject({ lost: 0, duplicates: 0 });
    expect(rig.emulator.uploads).toHaveLength(1);
    expect(rig.emulator.requests.filter((r) => r.path.startsWith('/api/v1/sessions'))).not.toEqual(
      [],
    );
    expect(proxy.injected).toBe(1);
    expect(retryReasons(log)).toEqual([
      'could not reach Ender Turing after the request was sent: timed out waiting for the answer',
    ]);
    tally.add(count, proxy.injected);
  }, 40_000);

  it('a slow drip of bytes lasting longer than the idle timeout still delivers: only silence is cut', async () => {
    const { rig, proxy, log } = await rigWithFault(
      'drip',
      // The upload goes 16 KB every 20 ms, then the answer one byte every 60 ms.
      { kind: 'drip', bytes: 16 * 1024, everyMs: 20, answerEveryMs: 60 },
      1,
      { profileOptions: { timeoutSeconds: 2 } },
    );
    const names = await writeCalls(rig.folder, 1, { seconds: 4 });

    const count = await deliveredOnce(rig, names);

    // Delivered at the first attempt, although the answer alone trickled for longer than the
    // 2 s timeout (over 40 bytes, 60 ms apart).
    expect(proxy.drippedAnswerBytes).toBeGreaterThan(40);
    expect(count).toMatchObject({ lost: 0, duplicates: 0 });
    expect(proxy.injected).toBe(1);
    expect(retryReasons(log)).toEqual([]);
    expect(rig.emulator.uploads).toHaveLength(1);
    tally.add(count, proxy.injected);
  }, 40_000);
});
