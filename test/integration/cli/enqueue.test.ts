import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadless, type RunningService } from '../../../main/cli/run.ts';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store.ts';
import {
  DEFAULT_USER,
  startEnderTuringEmulator,
  type EnderTuringEmulator,
} from '../../emulators/enderturing/enderturing-emulator.ts';
import { writeWav } from '../../fixtures/audio.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { waitForStatus } from '../delivery/service-fixture.ts';
import { runCli } from './run-cli.ts';

describe('call-courier enqueue and status, against a running service', () => {
  let emulator: EnderTuringEmulator;
  let running: RunningService;
  let folder: string;
  let root: string;
  let dataDir: string;
  let listen: string;

  beforeAll(async () => {
    root = await tempDirForSuite('call-courier-enqueue-');
    folder = join(root, 'monitor');
    dataDir = join(root, 'data');
    await mkdir(folder);
    emulator = await startEnderTuringEmulator();
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
        // The watcher would wait an hour: only `enqueue` can make these go now.
        upload: { stableForSeconds: 3600 },
      }),
    );
    const started = await startHeadless({
      config,
      dataDir,
      listen: { host: '127.0.0.1', port: 0 },
      secrets: new MemorySecretStore({ 'et/password': DEFAULT_USER.password }),
    });
    if ('errors' in started) throw new Error(started.errors);
    running = started;
    listen = new URL(running.url).host;
  });
  afterAll(async () => {
    await running?.stop();
    await emulator?.close();
  });

  it('hands a just-finished recording over at once, and it is delivered', async () => {
    const name = '20240131_2059_Agent99_12345678_IN_0.wav';
    const path = await writeWav(join(folder, name), { channels: 2, seconds: 1 });
    const run = await runCli(['enqueue', '--listen', listen, '--data-dir', dataDir, path]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${path} → et: queued\n`);
    await waitForStatus(running.service, (s) => s.counts.uploaded === 1);
    expect(emulator.uploads.map((u) => u.fileName)).toEqual([name]);

    const status = await runCli(['status', '--listen', listen, '--data-dir', dataDir]);
    expect(status.status).toBe(0);
    expect(status.stdout).toContain('Call Courier is running.');
    expect(status.stdout).toContain('uploaded 1');
    expect(status.stdout).toContain('et (Ender Turing): active');
  });

  it('says plainly which files it could not hand over, and exits 1', async () => {
    const outside = await writeWav(join(root, 'elsewhere.wav'), { channels: 2, seconds: 1 });
    const missing = join(folder, 'not-there.wav');
    const run = await runCli([
      'enqueue',
      '--listen',
      listen,
      '--data-dir',
      dataDir,
      outside,
      missing,
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `${outside}: ${outside} is not inside a watch folder, so Call Courier does not know where to send it`,
    );
    expect(run.stderr).toContain(`${missing}: ${missing} is not there (or is not a file)`);
  });

  it('tells the user when no Call Courier answers', async () => {
    const path = join(folder, 'any.wav');
    const noToken = await runCli(['enqueue', '--data-dir', join(root, 'empty'), path]);
    expect(noToken.status).toBe(1);
    expect(noToken.stderr).toContain('no access token in');
    const port = await runCli(['enqueue', '--listen', '127.0.0.1:1', '--data-dir', dataDir, path]);
    expect(port.status).toBe(1);
    expect(port.stderr).toContain('no answer from Call Courier on 127.0.0.1:1');
    expect(port.stderr).toContain('is it running?');
  });

  it('needs at least one file', async () => {
    const run = await runCli(['enqueue']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('name at least one recording');
  });
});
