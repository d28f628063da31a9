import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { request } from 'undici';
import type { StatusAnswer } from '../../preload/api.ts';
import { API_TOKEN_FILE } from '../core/server/api-token.ts';
import { DEFAULT_LISTEN, defaultDataDir, parseListen } from './data-dir.ts';
import { EXIT, type CommandIo } from './io.ts';

export const STATUS_USAGE = `Usage: call-courier status [--listen HOST:PORT] [--data-dir DIR] [--json]

Prints the running instance's counts and destinations. Reads the access token from
DIR/api-token (default data dir: ${defaultDataDir()}).
`;

/** `call-courier status`: asks the running service how it is doing. */
export async function statusCommand(args: readonly string[], io: CommandIo): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: [...args],
      options: {
        listen: { type: 'string' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    io.stderr(`call-courier status: ${(error as Error).message}\n\n${STATUS_USAGE}`);
    return EXIT.usage;
  }
  if (values.help) {
    io.stdout(STATUS_USAGE);
    return EXIT.ok;
  }
  const listen = parseListen(values.listen ?? DEFAULT_LISTEN);
  if (typeof listen === 'string') {
    io.stderr(`call-courier status: ${listen}\n`);
    return EXIT.usage;
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const token = (await readFile(join(dataDir, API_TOKEN_FILE), 'utf8').catch(() => '')).trim();
  if (!token) {
    io.stderr(
      `call-courier status: no access token in ${dataDir}: is Call Courier running with that data folder? (--data-dir)\n`,
    );
    return EXIT.problems;
  }
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  let status: StatusAnswer;
  try {
    const answer = await request(`http://${host}:${listen.port}/api/v1/status`, {
      headers: { authorization: `Bearer ${token}` },
      headersTimeout: 10_000,
    });
    const body = (await answer.body.json()) as StatusAnswer & { error?: string };
    if (answer.statusCode !== 200) throw new Error(body.error ?? `answered ${answer.statusCode}`);
    status = body;
  } catch (error) {
    io.stderr(
      `call-courier status: no answer from Call Courier on ${listen.host}:${listen.port} (${(error as Error).message}): is it running?\n`,
    );
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
        .join(''),
  );
  return EXIT.ok;
}
