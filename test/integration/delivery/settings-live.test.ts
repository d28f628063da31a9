import { randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHeadless } from '../../../main/cli/run.ts';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store.ts';
import {
  DEFAULT_USER,
  startEnderTuringEmulator,
} from '../../emulators/enderturing/enderturing-emulator.ts';
import { writeWav } from '../../fixtures/audio.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { startHttpRig, type HttpRig } from '../api/api-fixture.ts';
import { startRig, waitForStatus, type DeliveryRig, type RigConfig } from './service-fixture.ts';

let rig: DeliveryRig | undefined;
let httpRig: HttpRig | undefined;
afterEach(async () => {
  await rig?.stop();
  await httpRig?.stop();
  rig = undefined;
  httpRig = undefined;
});

/** The rig's settings with profile `et`'s options changed. */
function withOptions(base: RigConfig, options: Record<string, unknown>): RigConfig {
  const [et] = base.profiles;
  return {
    ...base,
    profiles: [{ ...et, options: { ...(et?.['options'] as object), ...options } }],
  };
}

const emulatorUrl = (base: RigConfig) =>
  String((base.profiles[0]?.['options'] as { baseUrl: string }).baseUrl);

const names = async (r: DeliveryRig) =>
  (await r.service.listRecordings({})).items.map((i) => i.fileName).sort();

describe('settings changed while the service runs', () => {
  it('starts watching a folder added, and stops watching a folder removed', async () => {
    rig = await startRig('folders');
    const added = join(rig.root, 'second-recorder');
    await mkdir(added);
    const update = await rig.service.putSettings({
      ...rig.raw,
      watch: [{ path: added, destinations: ['et'] }],
    });
    expect(update).toEqual({ ok: true });

    // The removed folder's file is written first: were it still watched, it would settle first.
    await writeWav(join(rig.folder, '20240131_2110_Agent1_101_IN_0.wav'), {
      channels: 2,
      seconds: 1,
    });
    await writeWav(join(added, '20240131_2111_Agent2_102_IN_0.wav'), { channels: 2, seconds: 1.1 });
    await waitForStatus(rig.service, (s) => s.counts.uploaded === 1);
    await rig.service.settled();
    expect(await names(rig)).toEqual(['20240131_2111_Agent2_102_IN_0.wav']);
    expect(rig.emulator.uploads.map((u) => u.fileName)).toEqual([
      '20240131_2111_Agent2_102_IN_0.wav',
    ]);
  });

  it.each([
    [
      'a wrong username',
      () => ({ username: 'nobody@company.com' }),
      'Ender Turing refused the username or password',
    ],
    [
      'a wrong address',
      (url: string) => ({ baseUrl: `${url}/no-such-path` }),
      'Ender Turing does not know this request (HTTP 404 Not Found): check the server address',
    ],
  ])(
    'fixing %s in the profile lifts its pause and delivers what waited, without a restart',
    async (_case, wrong, message) => {
      rig = await startRig('profile', {
        configure: (base) => withOptions(base, wrong(emulatorUrl(base))),
      });
      await writeWav(join(rig.folder, '20240131_2112_Agent3_103_OUT_1.wav'), {
        channels: 2,
        seconds: 1,
      });
      const paused = await waitForStatus(rig.service, (s) => s.profiles[0]?.state === 'paused');
      expect(paused.profiles[0]?.message).toEqual(message);
      expect(paused.counts.failed).toBe(0);

      const fixed = withOptions(rig.raw, {
        baseUrl: rig.emulator.url,
        username: DEFAULT_USER.username,
      });
      expect(await rig.service.putSettings(fixed)).toEqual({ ok: true });
      const delivered = await waitForStatus(rig.service, (s) => s.counts.uploaded === 1);
      expect(delivered.profiles[0]?.state).toBe('active');
      expect(rig.emulator.uploads).toHaveLength(1);
      expect(await rig.service.getSettings()).toEqual(fixed);
    },
  );

  it('fixing the address of a profile whose server said "try again in 10 minutes" delivers at once', async () => {
    // The wrong address is a server in maintenance: every answer is 503 with Retry-After: 600.
    const wrongServer = await startEnderTuringEmulator({
      faults: { unavailable: { probability: 1, status: 503, retryAfterSeconds: 600 } },
    });
    try {
      rig = await startRig('retry-after', {
        configure: (base) => withOptions(base, { baseUrl: wrongServer.url }),
      });
      await writeWav(join(rig.folder, '20240131_2114_Agent5_105_IN_0.wav'), {
        channels: 2,
        seconds: 1,
      });
      await waitForStatus(rig.service, (s) => s.counts.retrying === 1);
      const fixed = withOptions(rig.raw, { baseUrl: rig.emulator.url });
      expect(await rig.service.putSettings(fixed)).toEqual({ ok: true });
      await waitForStatus(rig.service, (s) => s.counts.uploaded === 1, 5_000);
      expect(rig.emulator.uploads).toHaveLength(1);
    } finally {
      await wrongServer.close();
    }
  });

  it('refuses settings with mistakes, naming each, and goes on with the settings it had', async () => {
    rig = await startRig('refused');
    const update = await rig.service.putSettings({
      watch: [{ path: '', destinations: ['ghost'] }],
      profiles: rig.raw.profiles,
      upload: { stableForSeconds: 0 },
    });
    expect(update.ok).toBe(false);
    const paths = update.ok ? [] : update.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'watch[0].path',
        'watch[0].destinations[0]',
        'upload.stableForSeconds',
      ]),
    );
    expect(await rig.service.getSettings()).toEqual(rig.raw);
    // The old folder is still watched and delivered to the old destination.
    await writeWav(join(rig.folder, '20240131_2113_Agent4_104_IN_0.wav'), {
      channels: 2,
      seconds: 1,
    });
    await waitForStatus(rig.service, (s) => s.counts.uploaded === 1);
  });
});

describe('settings saved by `call-courier run`', () => {
  it('writes settings changed through the service to its config file, and never a secret', async () => {
    httpRig = await startHttpRig('saved');
    const { service } = httpRig.running;
    const before = JSON.parse(await readFile(httpRig.configPath, 'utf8')) as RigConfig;
    const changed = { ...before, upload: { ...before.upload, concurrency: 3 } };
    expect(await service.putSettings(changed)).toEqual({ ok: true });
    expect(JSON.parse(await readFile(httpRig.configPath, 'utf8'))).toEqual(changed);

    const secret = `secret-${randomUUID()}`;
    const withSecret = withOptions(changed, { password: secret });
    const refused = await service.putSettings(withSecret);
    expect(refused.ok).toBe(false);
    const errors = refused.ok ? [] : refused.errors;
    expect(errors).toEqual([
      { path: 'profiles[0].options.password', message: expect.stringContaining('is a secret') },
    ]);
    expect(JSON.stringify(errors)).not.toContain(secret);
    await service.setSecret('et', 'password', secret);
    const onDisk = await readFile(httpRig.configPath, 'utf8');
    expect(JSON.parse(onDisk)).toEqual(changed);
    expect(onDisk).not.toContain(secret);
  });

  it('without --config, keeps settings saved through the service in the data folder', async () => {
    const dataDir = join(await tempDirForSuite('call-courier-no-config-'), 'data');
    const running = await startHeadless({
      dataDir,
      listen: { host: '127.0.0.1', port: 0 },
      secrets: new MemorySecretStore(),
    });
    if ('errors' in running) throw new Error(running.errors);
    try {
      const settings = { upload: { stableForSeconds: 2 } };
      expect(await running.service.putSettings(settings)).toEqual({ ok: true });
      expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))).toEqual(settings);
    } finally {
      await running.stop();
    }
  });
});
