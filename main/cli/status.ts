import type { StatusAnswer } from '../../preload/api.ts';
import { defaultDataDir } from './data-dir.ts';
import { EXIT, type CommandIo } from './io.ts';
import { callLocalApi, LocalApiError } from './local-api.ts';
import { listenAddress, parseCommand } from './parse-command.ts';

export const STATUS_USAGE = `Usage: call-courier status [--listen HOST:PORT] [--data-dir DIR] [--json]

Prints the running instance's counts, destinations and alarms. Reads the access token from
DIR/api-token (default data dir: ${defaultDataDir()}).
`;

/** `call-courier status`: asks the running service how it is doing. */
export async function statusCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parseCommand(
    {
      name: 'status',
      usage: STATUS_USAGE,
      options: {
        listen: { type: 'string' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean' },
      },
    },
    args,
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const listen = listenAddress('status', values.listen, io);
  if (typeof listen === 'number') return listen;
  let status: StatusAnswer;
  try {
    const dataDir = values['data-dir'] ?? defaultDataDir();
    status = (await callLocalApi({ listen, dataDir }, 'GET', '/api/v1/status')) as StatusAnswer;
  } catch (error) {
    if (!(error instanceof LocalApiError)) throw error;
    io.stderr(`call-courier status: ${error.message}\n`);
    return EXIT.problems;
  }
  if (values.json) {
    io.stdout(`${JSON.stringify(status, null, 2)}\n`);
    return EXIT.ok;
  }
  const c = status.counts;
  io.stdout(
    `Call Courier is ${status.state}.\n` +
      `  queued ${c.queued}, uploading ${c.uploading}, retrying ${c.retrying}, uploaded ${c.uploaded}, ` +
      `processed ${c.processed}, failed ${c.failed}, skipped ${c.skipped}\n` +
      status.profiles
        .map((p) => `  ${p.id} (${p.label}): ${p.state}${p.message ? ` — ${p.message}` : ''}\n`)
        .join('') +
      (status.alarms ?? []).map((a) => `  ALARM ${a.id} since ${a.since}: ${a.message}\n`).join(''),
  );
  return EXIT.ok;
}
