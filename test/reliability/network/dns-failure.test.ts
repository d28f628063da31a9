// A server name that does not exist, looked up for real: the service runs in a network
// namespace of its own (`unshare`, as root), where the only name server is a local one
// answering "no such name". No lookup leaves the machine, and none depends on its DNS.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_USER } from '../../emulators/enderturing/enderturing-emulator.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { queueRows, waitFor, writeCalls } from './fault-rig.ts';

const CLI = fileURLToPath(new URL('../../../main/cli.ts', import.meta.url));
const NXDOMAIN_SERVER = fileURLToPath(new URL('./nxdomain-server.ts', import.meta.url));

/** Whether this machine lets the test make a network and mount namespace (root with unshare). */
function namespacesWork(): boolean {
  const probe = spawnSync('unshare', ['-n', '-m', 'sh', '-c', 'ip link set lo up'], {
    stdio: 'ignore',
  });
  if (probe.status === 0) return true;
  if (process.env.CI === 'true') {
    throw new Error('the DNS test needs `unshare -n -m` and `ip` as root under CI=true');
  }
  return false;
}

const WANTED =
  'could not reach Ender Turing: the server name call-courier-test.invalid could not be found: check the server address of the profile, and that this computer is online';

describe.skipIf(!namespacesWork())('a server name that does not exist', async () => {
  const root = await tempDirForSuite('call-courier-dns-');
  let child: ChildProcess | undefined;
  afterAll(() => {
    // The service and the name server share the shell's process group.
    if (child?.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  });

  it('is reported in plain words, and the recording waits in the queue instead of failing', async () => {
    const folder = join(root, 'recordings');
    const dataDir = join(root, 'data');
    const resolvConf = join(root, 'resolv.conf');
    const config = join(root, 'office.json');
    await writeFile(resolvConf, 'nameserver 127.0.0.1\n');
    await mkdir(folder, { recursive: true });
    const names = await writeCalls(folder, 1, { seconds: 1 });
    await writeFile(
      config,
      JSON.stringify({
        watch: [{ path: folder, destinations: ['et'] }],
        profiles: [
          {
            id: 'et',
            connector: 'enderturing',
            options: {
              baseUrl: 'https://call-courier-test.invalid',
              username: DEFAULT_USER.username,
            },
          },
        ],
        upload: { stableForSeconds: 1 },
      }),
    );
    const script = [
      'set -e',
      'ip link set lo up',
      'mount --bind "$RESOLV_CONF" /etc/resolv.conf',
      '"$NODE" "$NXDOMAIN_SERVER" &',
      'exec "$NODE" "$CLI" run --config "$CONFIG" --data-dir "$DATA_DIR" --listen 127.0.0.1:0',
    ].join('\n');
    child = spawn('unshare', ['-n', '-m', 'sh', '-c', script], {
      detached: true,
      stdio: 'ignore',
      env: {
        ...process.env,
        NODE: process.execPath,
        NXDOMAIN_SERVER,
        CLI,
        CONFIG: config,
        DATA_DIR: dataDir,
        RESOLV_CONF: resolvConf,
        CALL_COURIER_ET_PASSWORD: DEFAULT_USER.password,
      },
    });

    const logFile = join(dataDir, 'logs', 'call-courier.log');
    const retried = await waitFor('the retry of the recording', async () => {
      const text = await readFile(logFile, 'utf8').catch(() => '');
      const lines = text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { level: string; message: string });
      return lines.find((l) => l.level === 'warn' && / will be retried in \d+ s: /.test(l.message));
    });

    expect(retried.message.replace(/^.* will be retried in \d+ s: /, '')).toBe(WANTED);
    const rows = queueRows(dataDir);
    expect(rows.map((r) => r.fileName)).toEqual(names);
    expect(rows[0]).toMatchObject({ status: 'retrying', error: WANTED });
  }, 30_000);
});
