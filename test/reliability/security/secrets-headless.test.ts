// Secrets given to the headless service through every door (`call-courier secret set` into a real
// gnome-keyring, the local API, the environment, and wrongly through settings) are used, and
// never come back out: not in the data folder, the output, a crash, or any API answer.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CRASH_EXIT } from '../../../main/core/crash-guard.ts';
import type { StatusAnswer } from '../../../preload/api.ts';
import { startEnderTuringEmulator } from '../../emulators/enderturing/enderturing-emulator.ts';
import { writeWav } from '../../fixtures/audio.ts';
import { hasCommand } from '../../fixtures/system.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { bareEnvironment, freshHome } from '../../integration/secrets/keyring-session.ts';
import { newCanary, scanBytes, scanTree, type Canary, type Hit } from './leak-scan.ts';

const keyringAvailable = hasCommand('dbus-run-session') && hasCommand('gnome-keyring-daemon');
const CRASH_HOOK = fileURLToPath(new URL('./crash-on-signal.ts', import.meta.url));

/** One answer of the local API, kept whole for the scan. */
interface Answer {
  readonly status: number;
  readonly text: string;
}

/** The service's profiles: each gets its password through another door. */
const USERS = {
  cli: 'u-cli@office.example',
  api: 'u-api@office.example',
  env: 'u-env@office.example',
  refused: 'u-refused@office.example',
} as const;

describe.skipIf(!keyringAvailable)('secrets of the headless service', async () => {
  const root = await tempDirForSuite('call-courier-secrets-');
  const cli = newCanary('cli');
  const api = newCanary('api', '+/=&"');
  const env = newCanary('env');
  const refused = newCanary('refused');
  const inSettings = newCanary('settings');
  const wrongField = newCanary('wrongfield');
  const canaries = [cli, api, env, refused, inSettings, wrongField];
  const emulator = await startEnderTuringEmulator({
    users: {
      [USERS.cli]: cli.value,
      [USERS.api]: api.value,
      [USERS.env]: env.value,
      [USERS.refused]: 'the password the platform really has',
    },
  });
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child?.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await emulator.close();
  });

  it(
    'uses every secret and shows none of them anywhere: files, output, crash, API answers',
    { timeout: 60_000 },
    async () => {
      const home = await freshHome(root);
      const dataDir = join(root, 'data');
      const config = join(dataDir, 'settings.json');
      const folders = Object.fromEntries(
        Object.keys(USERS).map((name) => [name, join(root, 'recordings', name)]),
      );
      for (const folder of Object.values(folders)) await mkdir(folder, { recursive: true });
      await mkdir(dataDir, { recursive: true });
      const settings = {
        watch: Object.entries(folders).map(([name, path]) => ({
          path,
          destinations: [`${name}-et`],
        })),
        profiles: Object.entries(USERS).map(([name, username]) => ({
          id: `${name}-et`,
          connector: 'enderturing',
          options: { baseUrl: emulator.url, username },
        })),
        upload: { stableForSeconds: 1 },
      };
      await writeFile(config, JSON.stringify(settings));

      // In one D-Bus session: gnome-keyring unlocked, the password stored by `secret set` from
      // stdin, then `call-courier run` (with the crash hook) in the same process id.
      const script = [
        'set -e',
        'eval "$(printf \'%s\\n\' "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets)"',
        'export GNOME_KEYRING_CONTROL',
        'printf \'%s\\n\' "$CLI_SECRET" | "$NODE" "$CLI" secret set cli-et password',
        'unset CLI_SECRET',
        'echo "service pid $$"',
        'exec "$NODE" --import "$CRASH_HOOK" "$CLI" run --config "$CONFIG" --data-dir "$DATA_DIR" --listen 127.0.0.1:0',
      ].join('\n');
      const started = spawn('dbus-run-session', ['--', 'sh', '-c', script], {
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: bareEnvironment(home, {
          KEYRING_PASSWORD: 'throw-away keyring password',
          CLI_SECRET: cli.value,
          CALL_COURIER_ENV_ET_PASSWORD: env.value,
          CRASH_HOOK,
          CRASH_TEXT: canaries
            .filter((c) => c !== inSettings && c !== wrongField)
            .map((c) => c.value)
            .join(' '),
          CONFIG: config,
          DATA_DIR: dataDir,
        }),
      });
      child = started;
      let stdout = '';
      let stderr = '';
      started.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
      started.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
      const exited = new Promise<number | null>((resolve) => started.once('exit', resolve));

      const address = await vi.waitFor(
        () => {
          const found = /UI and API: (http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)/.exec(stdout);
          if (!found?.[1] || !found[2]) throw new Error(`not started yet:\n${stdout}\n${stderr}`);
          return { url: found[1], token: decodeURIComponent(found[2]) };
        },
        { timeout: 20_000, interval: 100 },
      );
      const servicePid = Number(/service pid (\d+)/.exec(stdout)?.[1]);
      expect(stdout, stderr).toContain('Stored cli-et/password in the system keychain.');

      const answers: { readonly what: string; readonly answer: Answer }[] = [];
      const call = async (
        method: string,
        path: string,
        body?: { readonly json?: unknown; readonly text?: string },
      ): Promise<Answer> => {
        const headers: Record<string, string> = { authorization: `Bearer ${address.token}` };
        if (body?.json !== undefined) headers['content-type'] = 'application/json';
        if (body?.text !== undefined) headers['content-type'] = 'text/plain';
        const response = await request(`${address.url}${path}`, {
          method: method as 'GET',
          headers,
          ...(body && { body: body.text ?? JSON.stringify(body.json) }),
        });
        const answer = { status: response.statusCode, text: await response.body.text() };
        answers.push({ what: `${method} ${path}`, answer });
        return answer;
      };

      // The event stream, read the whole time.
      const events = await request(`${address.url}/api/v1/events`, {
        headers: { authorization: `Bearer ${address.token}` },
      });
      expect(events.statusCode).toBe(200);
      let eventText = '';
      events.body.setEncoding('utf8').on('data', (text: string) => (eventText += text));
      events.body.on('error', () => {});

      // Through the API: JSON for one, text/plain for the other.
      expect(
        (await call('PUT', '/api/v1/secrets/api-et/password', { json: { value: api.value } }))
          .status,
      ).toBe(204);
      expect(
        (await call('PUT', '/api/v1/secrets/refused-et/password', { text: `${refused.value}\n` }))
          .status,
      ).toBe(204);
      // Wrong doors: a secret in the settings, and in a field that is not a secret.
      const withSecret = structuredClone(settings) as typeof settings;
      (withSecret.profiles[0]?.options as Record<string, unknown>).password = inSettings.value;
      const settingsRefused = await call('PUT', '/api/v1/settings', { json: withSecret });
      expect(settingsRefused.status).toBe(422);
      expect(settingsRefused.text).toContain(
        'is a secret and does not belong in the settings file',
      );
      const fieldRefused = await call('PUT', '/api/v1/secrets/api-et/username', {
        json: { value: wrongField.value },
      });
      expect(fieldRefused.status).toBe(400);
      // A save that the service writes to its settings file.
      expect((await call('PUT', '/api/v1/settings', { json: settings })).status).toBe(200);

      // One recording per door; of different lengths so each is its own recording.
      let seconds = 1;
      for (const [name, folder] of Object.entries(folders)) {
        await writeWav(join(folder, `20240401_1000_Agent1_5551234_IN_${name}.wav`), {
          channels: 2,
          seconds: (seconds += 0.25),
        });
      }
      const status = await vi.waitFor(
        async () => {
          const now = JSON.parse((await call('GET', '/api/v1/status')).text) as StatusAnswer;
          const delivered = now.counts.uploaded + now.counts.processed;
          const paused = now.profiles.find((p) => p.id === 'refused-et')?.state === 'paused';
          if (delivered < 3 || !paused) throw new Error(`waiting: ${JSON.stringify(now)}`);
          return now;
        },
        { timeout: 30_000, interval: 200 },
      );
      // The secrets were really used: the platform took the three good ones, refused the fourth.
      expect(emulator.uploads).toHaveLength(3);
      expect(status.profiles.find((p) => p.id === 'refused-et')?.message).toBeTruthy();

      // A connection test of each profile: three pass, the refused password is explained.
      for (const name of Object.keys(USERS)) {
        const test = await call('POST', `/api/v1/profiles/${name}-et/test`);
        expect(test.status).toBe(200);
        expect((JSON.parse(test.text) as { ok: boolean }).ok).toBe(name !== 'refused');
      }
      // Everything a client can read.
      for (const path of [
        '/api/v1/status',
        '/api/v1/recordings?limit=500',
        '/api/v1/recordings?status=failed',
        '/api/v1/settings',
        '/api/v1/connectors',
        '/api/v1/presets',
        '/metrics',
        ...Object.keys(USERS).map((name) => `/api/v1/profiles/${name}-et/secrets`),
      ]) {
        expect((await call('GET', path)).status, path).toBe(200);
      }
      events.body.destroy();

      // Then an error nobody catches, quoting the secrets: the crash output must not.
      process.kill(servicePid, 'SIGUSR2');
      const code = await exited;
      expect(code, stderr).toBe(CRASH_EXIT);
      expect(stderr).toContain('call-courier: stopped by an unexpected error');
      expect(stderr).toContain('unexpected failure while talking to the platform: ***');

      const tree = await scanTree(dataDir, canaries, Object.values(USERS));
      expect(tree.files).toEqual(
        expect.arrayContaining(['api-token', 'monitor-token', 'queue.sqlite', 'settings.json']),
      );
      expect(tree.files.some((f) => f.startsWith('logs/'))).toBe(true);
      const users = Object.values(USERS);
      const hits: Hit[] = [
        ...tree.hits,
        ...scanBytes('stdout', stdout, canaries, users),
        ...scanBytes('stderr', stderr, canaries, users),
        ...scanBytes('event stream', eventText, canaries, users),
        ...answers.flatMap(({ what, answer }) => scanBytes(what, answer.text, canaries, users)),
      ];
      expect(hits).toEqual([]);
      expect(eventText).toContain('event: recording');
      report(canaries, tree.files, 3 + answers.length);
    },
  );
});

/** Prints the figures the reliability docs quote. */
function report(canaries: readonly Canary[], files: readonly string[], texts: number): void {
  console.info(
    `secrets: ${canaries.length} set, ${files.length + texts} places scanned ` +
      `(files: ${files.join(', ')}; ${texts} outputs and answers), 0 hits`,
  );
}
