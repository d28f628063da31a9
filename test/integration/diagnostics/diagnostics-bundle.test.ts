// The diagnostics bundle a person emails when asking for help: one .zip that standard tools
// open, made from the window's API or `call-courier diagnostics`, running or not, and holding
// no secret in any spelling: not the platform password, the API tokens, an environment
// secret, nor credentials that an old log line carried.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StatusAnswer } from '../../../preload/api.ts';
import { DEFAULT_USER } from '../../emulators/enderturing/enderturing-emulator.ts';
import { writeWav } from '../../fixtures/audio.ts';
import { hasCommand } from '../../fixtures/system.ts';
import { newCanary, scanBytes, type Canary } from '../../reliability/security/leak-scan.ts';
import { startHttpRig } from '../api/api-fixture.ts';
import { runCli } from '../cli/run-cli.ts';
import { downloadDiagnostics, openBundle, type BundleFiles } from './bundle-files.ts';

const zipTools = hasCommand('unzip') && hasCommand('python3');
const ENV_SECRET = 'CALL_COURIER_ET_APIKEY';
/** Where a headless service reads et's password when the keychain does not hold it. */
const ENV_PASSWORD = 'CALL_COURIER_ET_PASSWORD';

/** Every hit of the canaries in every file of the bundle, as "file: canary (spelling)". */
function leaks(files: BundleFiles, canaries: readonly Canary[]): string[] {
  return [...files].flatMap(([name, text]) =>
    scanBytes(name, text, canaries, [DEFAULT_USER.username]).map(
      (hit) => `${hit.place}: ${hit.canary} (${hit.spelling})`,
    ),
  );
}

afterEach(() => {
  Reflect.deleteProperty(process.env, ENV_SECRET);
  Reflect.deleteProperty(process.env, ENV_PASSWORD);
});

describe.skipIf(!zipTools)('the diagnostics bundle', () => {
  it(
    'from the API and the command line, running or stopped, holds settings, queue, status and logs but no secret',
    { timeout: 50_000 },
    async () => {
      const env = newCanary('env');
      const bearer = newCanary('bearer');
      const inUrl = newCanary('url');
      const inQuery = newCanary('query');
      process.env[ENV_SECRET] = env.value;
      const rig = await startHttpRig('diagnostics');
      try {
        const canaries: Canary[] = [
          { name: 'platform-password', value: DEFAULT_USER.password },
          { name: 'admin-token', value: rig.running.token },
          { name: 'monitor-token', value: rig.running.monitorToken },
          env,
          bearer,
          inUrl,
          inQuery,
        ];
        // An older log (rotated) with lines that carried secrets as they were.
        await mkdir(join(rig.dataDir, 'logs'), { recursive: true });
        await writeFile(
          join(rig.dataDir, 'logs', 'call-courier.log.1'),
          [
            `{"level":"warn","message":"login as ${DEFAULT_USER.username} with ${DEFAULT_USER.password} refused"}`,
            `{"level":"warn","message":"request failed","headers":"Authorization: Bearer ${bearer.value}"}`,
            `proxy https://office:${inUrl.value}@proxy.example:3128 refused; callback https://x.example/cb?access_token=${inQuery.value}`,
            `environment ${ENV_SECRET}=${env.value}; token file ${rig.running.token} monitor ${rig.running.monitorToken}`,
            '',
          ].join('\n'),
        );
        await writeWav(join(rig.folder, '20240124_0819_Agent19_380990000499_OUT_1.wav'), {
          channels: 2,
          seconds: 1,
        });
        await writeWav(join(rig.folder, '20240124_0820_Agent19_380990000777_IN_2.wav'), {
          channels: 1,
          seconds: 1.5,
        });
        await rig.waitForStatus(
          (s) => s.counts.uploaded + s.counts.processed >= 1 && s.counts.failed >= 1,
        );

        // From the window's API: the admin token gets a zip download; the monitor token is refused.
        const refused = await downloadDiagnostics(rig.running.url, rig.running.monitorToken);
        expect(refused.status).toBe(403);
        expect(refused.bytes.toString()).toContain('needs the admin token');
        const download = await downloadDiagnostics(rig.running.url, rig.running.token);
        expect(download.status).toBe(200);
        expect(download.headers['content-type']).toBe('application/zip');
        expect(download.headers['content-disposition']).toMatch(
          /^attachment; filename="call-courier-diagnostics-[\w-]+-\d{8}-\d{6}\.zip"$/,
        );
        const fromApi = await openBundle(download.bytes, rig.root);
        expect([...fromApi.keys()].sort()).toEqual([
          'README.txt',
          'logs/call-courier.log',
          'logs/call-courier.log.1',
          'queue.json',
          'settings.json',
          'status.json',
        ]);
        expect(leaks(fromApi, canaries)).toEqual([]);
        // The redacted lines are still there, with *** where the secrets were.
        expect(fromApi.get('logs/call-courier.log.1')).toContain('Authorization: Bearer ***');
        expect(fromApi.get('logs/call-courier.log.1')).toContain(
          'https://office:***@proxy.example',
        );
        expect(fromApi.get('README.txt')).toMatch(/Call Courier:\s+\d+\.\d+\.\d+/);
        expect(JSON.parse(fromApi.get('settings.json') ?? '')).toMatchObject({
          profiles: [{ id: 'et', options: { username: DEFAULT_USER.username } }],
        });
        const queue = JSON.parse(fromApi.get('queue.json') ?? '') as {
          counts: { failed: number };
          problems: { fileName: string; error: string }[];
        };
        expect(queue.counts.failed).toBe(1);
        expect(queue.problems[0]?.error).toMatch(/stereo/i);
        const status = JSON.parse(fromApi.get('status.json') ?? '') as {
          service: string;
          status: StatusAnswer;
        };
        expect(status.service).toBe(`running as process ${process.pid}`);
        expect(status.status.counts.failed).toBe(1);

        // From the command line while the service runs: the queue is only read. It reads the
        // password where a headless service does (the environment here, or the keychain).
        process.env[ENV_PASSWORD] = DEFAULT_USER.password;
        const out = join(rig.root, 'while-running.zip');
        const cli = await runCli([
          'diagnostics',
          '--config',
          rig.configPath,
          '--data-dir',
          rig.dataDir,
          '--out',
          out,
        ]);
        expect(cli.stderr).toBe('');
        expect(cli.status).toBe(0);
        expect(cli.stdout).toContain(`Wrote the diagnostics to ${out}`);
        const whileRunning = await openBundle(out, rig.root);
        expect(leaks(whileRunning, canaries)).toEqual([]);
        expect(whileRunning.get('status.json')).toContain(`running as process ${process.pid}`);
        // The service goes on delivering after the command read its queue.
        await writeWav(join(rig.folder, '20240124_0821_Agent19_380990000512_OUT_3.wav'), {
          channels: 2,
          seconds: 1.25,
        });
        await rig.waitForStatus((s) => s.counts.uploaded + s.counts.processed >= 2);

        // And once it is stopped.
        await rig.running.stop();
        const stoppedOut = join(rig.root, 'stopped.zip');
        const stopped = await runCli([
          'diagnostics',
          '--config',
          rig.configPath,
          '--data-dir',
          rig.dataDir,
          '--out',
          stoppedOut,
        ]);
        expect(stopped.status).toBe(0);
        const afterStop = await openBundle(stoppedOut, rig.root);
        expect(leaks(afterStop, canaries)).toEqual([]);
        expect(afterStop.get('status.json')).toContain('not running');
        const counts = (
          JSON.parse(afterStop.get('queue.json') ?? '') as { counts: StatusAnswer['counts'] }
        ).counts;
        expect(counts.uploaded + counts.processed).toBe(2);
      } finally {
        await rig.emulator.close();
      }
    },
  );

  it('says in plain words when its config file is missing or the bundle cannot be written', async () => {
    const missing = await runCli(['diagnostics', '--config', '/nonexistent/office.json']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('/nonexistent/office.json: cannot be read: no such file');
    const unwritable = await runCli([
      'diagnostics',
      '--data-dir',
      '/nonexistent-data',
      '--out',
      '/nonexistent/folder/bundle.zip',
    ]);
    expect(unwritable.status).toBe(1);
    expect(unwritable.stderr).toContain('could not be written');
    expect(unwritable.stderr).toContain('choose another place with --out FILE');
  });
});
