// With privacy.maskPhoneNumbers on, supervisors and IT see only the last four digits of a
// client's number: in the recordings list, the events, the log files and the diagnostics
// bundle. The platform still receives the number whole. With it off, the number is shown.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { RecordingItem, RecordingPage } from '../../../preload/api.ts';
import { writeWav } from '../../fixtures/audio.ts';
import { hasCommand } from '../../fixtures/system.ts';
import { startHttpRig, type HttpRig } from '../api/api-fixture.ts';
import type { RigConfig } from '../delivery/service-fixture.ts';
import { downloadDiagnostics, openBundle } from '../diagnostics/bundle-files.ts';

const zipTools = hasCommand('unzip') && hasCommand('python3');

/** An outbound call to a client's mobile, delivered. */
const DELIVERED_PHONE = '380990000499';
const DELIVERED = `20240124_0819_Agent19_${DELIVERED_PHONE}_OUT_1.wav`;
const DELIVERED_MASKED = '••••••••0499';
/** An inbound call recorded in mono, which Ender Turing refuses: a failed row with a reason. */
const FAILED_PHONE = '380990000777';
const FAILED = `20240124_0820_Agent19_${FAILED_PHONE}_IN_2.wav`;
const FAILED_MASKED = '••••••••0777';

const withPrivacy =
  (maskPhoneNumbers: boolean) =>
  (base: RigConfig): RigConfig =>
    ({ ...base, privacy: { maskPhoneNumbers } }) as RigConfig;

/** Writes both calls and waits until one is delivered and the other failed. */
async function deliverBothCalls(rig: HttpRig): Promise<void> {
  await writeWav(join(rig.folder, DELIVERED), { channels: 2, seconds: 1 });
  await writeWav(join(rig.folder, FAILED), { channels: 1, seconds: 1.5 });
  await rig.waitForStatus(
    (s) => s.counts.uploaded + s.counts.processed >= 1 && s.counts.failed >= 1,
  );
}

/** The log files' text, once it holds `expected` (lines reach the file a moment after they are logged). */
async function logText(rig: HttpRig, expected: string): Promise<string> {
  const dir = join(rig.dataDir, 'logs');
  return vi.waitFor(
    async () => {
      const names = await readdir(dir);
      const text = (await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')))).join('');
      if (!text.includes(expected)) throw new Error(`the logs do not mention ${expected} yet`);
      return text;
    },
    { timeout: 10_000, interval: 100 },
  );
}

async function listed(rig: HttpRig): Promise<{ text: string; items: readonly RecordingItem[] }> {
  const answer = await rig.call('GET', '/api/v1/recordings');
  expect(answer.status).toBe(200);
  return { text: answer.text, items: (answer.json() as RecordingPage).items };
}

describe.skipIf(!zipTools)('masking client phone numbers', () => {
  it(
    'with masking on, the list, events, logs and diagnostics show only the last four digits while the platform gets the whole number',
    { timeout: 45_000 },
    async () => {
      const rig = await startHttpRig('privacy-on', { configure: withPrivacy(true) });
      try {
        const events = await rig.openEvents();
        await deliverBothCalls(rig);

        const list = await listed(rig);
        for (const phone of [DELIVERED_PHONE, FAILED_PHONE]) expect(list.text).not.toContain(phone);
        const delivered = list.items.find((i) => i.fileName.endsWith('_OUT_1.wav'));
        expect(delivered?.fileName).toBe(`20240124_0819_Agent19_${DELIVERED_MASKED}_OUT_1.wav`);
        expect(delivered?.path.endsWith(delivered.fileName)).toBe(true);
        // The client's number is masked; the agent and the time are not.
        expect(delivered?.metadata).toMatchObject({
          clientId: DELIVERED_MASKED,
          agentId: 'Agent19',
          startTime: '2024-01-24T08:19:00Z',
        });
        const failed = list.items.find((i) => i.status === 'failed');
        expect(failed?.fileName).toContain(FAILED_MASKED);
        expect(failed?.error).toMatch(/stereo/i);

        const seen = await vi.waitFor(
          () => {
            const text = JSON.stringify(events.events('recording'));
            if (!text.includes(FAILED_MASKED)) throw new Error('no event for the failed call yet');
            return text;
          },
          { timeout: 10_000, interval: 100 },
        );
        events.close();
        expect(seen).toContain(DELIVERED_MASKED);
        for (const phone of [DELIVERED_PHONE, FAILED_PHONE]) expect(seen).not.toContain(phone);

        // What is sent to the platform is not masked.
        expect(rig.emulator.uploads.map((u) => u.fileName).join(' ')).toContain(DELIVERED_PHONE);

        const logs = await logText(rig, '0777');
        for (const phone of [DELIVERED_PHONE, FAILED_PHONE]) expect(logs).not.toContain(phone);
        expect(logs).toContain(FAILED_MASKED);

        const download = await downloadDiagnostics(rig.running.url, rig.running.token);
        expect(download.status).toBe(200);
        const files = await openBundle(download.bytes, rig.root);
        for (const [name, text] of files) {
          for (const phone of [DELIVERED_PHONE, FAILED_PHONE]) {
            expect(text, `${name} shows ${phone}`).not.toContain(phone);
          }
        }
        expect(files.get('queue.json')).toContain(FAILED_MASKED);
        expect(files.get('README.txt')).toContain('Client phone numbers are masked');
        const bundleLogs = [...files].filter(([name]) => name.startsWith('logs/'));
        expect(bundleLogs.map(([, text]) => text).join('')).toContain(FAILED_MASKED);
      } finally {
        await rig.stop();
      }
    },
  );

  it(
    'with masking off the whole number is shown, and turning it on in the settings masks the list at once',
    { timeout: 45_000 },
    async () => {
      const rig = await startHttpRig('privacy-off', { configure: withPrivacy(false) });
      try {
        const events = await rig.openEvents();
        await deliverBothCalls(rig);
        const list = await listed(rig);
        expect(list.items.find((i) => i.fileName === DELIVERED)?.metadata.clientId).toBe(
          DELIVERED_PHONE,
        );
        expect(list.text).toContain(FAILED_PHONE);
        await vi.waitFor(
          () => {
            if (!JSON.stringify(events.events('recording')).includes(FAILED_PHONE)) {
              throw new Error('no event for the failed call yet');
            }
          },
          { timeout: 10_000, interval: 100 },
        );
        events.close();
        expect(await logText(rig, FAILED_PHONE)).toContain(FAILED_PHONE);
        const files = await openBundle(
          (await downloadDiagnostics(rig.running.url, rig.running.token)).bytes,
          rig.root,
        );
        expect(files.get('queue.json')).toContain(FAILED_PHONE);

        const settings = (await rig.call('GET', '/api/v1/settings')).json() as RigConfig;
        const saved = await rig.call('PUT', '/api/v1/settings', {
          json: withPrivacy(true)(settings),
        });
        expect(saved.status).toBe(200);
        const after = await listed(rig);
        for (const phone of [DELIVERED_PHONE, FAILED_PHONE])
          expect(after.text).not.toContain(phone);
        expect(after.text).toContain(DELIVERED_MASKED);
      } finally {
        await rig.stop();
      }
    },
  );
});
