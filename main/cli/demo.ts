import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemorySecretStore } from '../core/secrets/memory-secret-store.ts';
import { uiAddress } from '../core/server/api-token.ts';
import { writeFile } from 'node:fs/promises';
import {
  DEFAULT_USER,
  startEnderTuringEmulator,
} from '../../test/emulators/enderturing/enderturing-emulator.ts';

import { writeSampleRecordings } from './demo/sample-recordings.ts';
import { EXIT, type CommandIo } from './io.ts';
import { listenAddress, parseCommand } from './parse-command.ts';
import { builtUiDir, startHeadless } from './run.ts';

export const DEMO_USAGE = `Usage: call-courier demo [--listen HOST:PORT]

Shows Call Courier at work in seconds, with nothing to set up: starts an emulated
Ender Turing on this computer, writes a few sample call recordings into a temporary
folder, and runs the headless service on them. Drop more recordings into the folder
it prints to see them delivered. Everything is removed when you stop it (Ctrl-C).
`;

/** `call-courier demo`: the headless service against a local Ender Turing emulator and sample calls. */
export async function demoCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parseCommand(
    { name: 'demo', usage: DEMO_USAGE, options: { listen: { type: 'string' } } },
    args,
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const listen = listenAddress('demo', parsed.values.listen, io);
  if (typeof listen === 'number') return listen;
  const root = await mkdtemp(join(tmpdir(), 'call-courier-demo-'));
  const folder = join(root, 'recordings');
  await mkdir(folder);
  const emulator = await startEnderTuringEmulator();
  const config = join(root, 'demo.json');
  await writeFile(
    config,
    JSON.stringify(
      {
        watch: [{ path: folder, destinations: ['et'], preset: 'enderturing' }],
        profiles: [
          {
            id: 'et',
            connector: 'enderturing',
            label: 'Ender Turing (emulated)',
            options: { baseUrl: emulator.url, username: DEFAULT_USER.username },
          },
        ],
        upload: { stableForSeconds: 1 },
      },
      null,
      2,
    ),
  );
  const running = await startHeadless({
    config,
    dataDir: join(root, 'data'),
    listen,
    secrets: new MemorySecretStore({ 'et/password': DEFAULT_USER.password }),
  });
  if ('errors' in running) {
    io.stderr(`call-courier demo: ${running.errors}\n`);
    await emulator.close();
    await rm(root, { recursive: true, force: true });
    return EXIT.usage;
  }
  running.service.onEvent((event) => {
    if (event.type !== 'recording') return;
    const { item } = event;
    if (item.status === 'uploaded')
      io.stdout(`  delivered ${item.fileName} → Ender Turing session ${item.remoteId}\n`);
    if (item.status === 'failed') io.stdout(`  failed ${item.fileName}: ${item.error}\n`);
  });
  io.stdout(
    'Call Courier demo\n' +
      `  UI and API:      ${uiAddress(running.url, running.token)}\n` +
      `  watching:        ${folder}\n` +
      `  Ender Turing:    ${emulator.url} (emulated on this computer)\n` +
      'Writing sample recordings…\n',
  );
  if ((await builtUiDir()) === null) {
    io.stdout('  (the window is not built, so only the API is served: run `npm run build:ui`)\n');
  }
  await writeSampleRecordings(folder);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.stop();
  await emulator.close();
  await rm(root, { recursive: true, force: true });
  return EXIT.ok;
}
