import { resolve } from 'node:path';
import type { RecordingItem } from '../../preload/api.ts';
import { defaultDataDir } from './data-dir.ts';
import { EXIT, type CommandIo } from './io.ts';
import { callLocalApi, LocalApiError } from './local-api.ts';
import { listenAddress, parseCommand } from './parse-command.ts';

export const ENQUEUE_USAGE = `Usage: call-courier enqueue [--listen HOST:PORT] [--data-dir DIR] FILE…

Hands finished recordings to the running Call Courier at once, without waiting for
it to notice them: for a PBX's post-recording hook (FreePBX's post-call script, for
example). Each FILE must be inside one of its watch folders. Prints one line per
destination; exit status 1 when any file was not taken.

  --listen H:P      where Call Courier listens (default 127.0.0.1:8490)
  --data-dir DIR    its data folder, which holds the access token (default: ${defaultDataDir()})
`;

/** `call-courier enqueue FILE…`: queues recordings in the running instance now. */
export async function enqueueCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parseCommand(
    {
      name: 'enqueue',
      usage: ENQUEUE_USAGE,
      positionals: true,
      options: { listen: { type: 'string' }, 'data-dir': { type: 'string' } },
    },
    args,
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals: files } = parsed;
  if (files.length === 0) {
    io.stderr(`call-courier enqueue: name at least one recording\n\n${ENQUEUE_USAGE}`);
    return EXIT.usage;
  }
  const listen = listenAddress('enqueue', values.listen, io);
  if (typeof listen === 'number') return listen;
  const instance = { listen, dataDir: values['data-dir'] ?? defaultDataDir() };
  let status: number = EXIT.ok;
  for (const file of files) {
    const path = resolve(file);
    try {
      const answer = (await callLocalApi(instance, 'POST', '/api/v1/recordings', { path })) as {
        items: readonly RecordingItem[];
      };
      for (const item of answer.items) {
        const why = item.error ? ` — ${item.error}` : '';
        io.stdout(`${path} → ${item.destination}: ${item.status}${why}\n`);
      }
    } catch (error) {
      if (!(error instanceof LocalApiError)) throw error;
      io.stderr(`call-courier enqueue: ${path}: ${error.message}\n`);
      status = EXIT.problems;
    }
  }
  return status;
}
