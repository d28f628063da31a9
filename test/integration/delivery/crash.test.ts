import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_USER,
  startEnderTuringEmulator,
} from '../../emulators/enderturing/enderturing-emulator.ts';
import { writeWav } from '../../fixtures/audio.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';

const CLI = fileURLToPath(new URL('../../../main/cli.ts', import.meta.url));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a crash at any moment', async () => {
  const root = await tempDirForSuite('call-courier-crash-');
  // Slow answers widen the window between "stored by the platform" and "marked delivered".
  const emulator = await startEnderTuringEmulator({
    faults: { slow: { probability: 0.5, delayMs: 150 } },
  });
  afterAll(() => emulator.close());

  function startService(config: string, dataDir: string): ChildProcess {
    return spawn(
      process.execPath,
      [CLI, 'run', '--config', config, '--data-dir', dataDir, '--listen', '127.0.0.1:0'],
      {
        env: { ...process.env, CALL_COURIER_ET_PASSWORD: DEFAULT_USER.password },
        stdio: 'ignore',
      },
    );
  }

  it('loses nothing and sends nothing twice when `call-courier run` is killed again and again during a backlog', async () => {
    const folder = join(root, 'recordings');
    const dataDir = join(root, 'data');
    await mkdir(folder, { recursive: true });
    const count = 120;
    for (let i = 0; i < count; i += 1) {
      const name = `20240401_${String(1000 + i).padStart(4, '0')}_Agent${i}_555${i}_IN_0.wav`;
      await writeWav(join(folder, name), { channels: 2, seconds: 0.5 + i / 1000 });
    }
    const config = join(root, 'office.json');
    await writeFile(
      config,
      JSON.stringify({
        watch: [{ path: folder, destinations: ['et'] }],
        profiles: [
          {
            id: 'et',
            connector: 'enderturing',
            options: { baseUrl: emulator.url, username: DEFAULT_USER.username },
          },
        ],
        upload: { concurrency: 4, stableForSeconds: 1 },
      }),
    );

    // Kill the service with SIGKILL at random moments while it works through the backlog.
    const deliveredAtKills: number[] = [];
    while (deliveredAtKills.length < 8 && emulator.uploads.length < count) {
      const child = startService(config, dataDir);
      // Once this run has delivered something (a start-up takes seconds on a busy machine, so
      // a fixed delay could strike before every first upload), at a random moment after it.
      const before = emulator.uploads.length;
      const deadline = Date.now() + 20_000;
      while (emulator.uploads.length === before && Date.now() < deadline) await pause(20);
      await pause(Math.random() * 800);
      child.kill('SIGKILL');
      deliveredAtKills.push(emulator.uploads.length);
      await new Promise((resolve) => child.once('exit', resolve));
    }
    // Then let it finish, and run it once more to resolve anything left mid-upload.
    for (let round = 0; round < 2; round += 1) {
      const child = startService(config, dataDir);
      const deadline = Date.now() + 90_000;
      while (emulator.uploads.length < count && Date.now() < deadline) await pause(200);
      await pause(3_000);
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }

    // At least one kill struck in the middle of the backlog.
    expect(deliveredAtKills.some((n) => n > 0 && n < count)).toBe(true);
    const hashes = emulator.uploads.map((u) => u.sha256);
    expect(new Set(hashes).size).toBe(count); // every recording arrived
    expect(hashes).toHaveLength(count); // and none twice
  }, 300_000);
});
