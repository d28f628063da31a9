import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the headless service keeps its queue, logs and API token when no --data-dir is given. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (env.CALL_COURIER_DATA_DIR) return env.CALL_COURIER_DATA_DIR;
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Call Courier');
  if (platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'Call Courier');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'call-courier');
}

/** "HOST:PORT" (IPv6 in brackets) as its parts, or an error sentence. */
export function parseListen(text: string): { host: string; port: number } | string {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text.trim());
  const port = Number(match?.[3]);
  if (!match || port > 65535)
    return `--listen must be HOST:PORT, such as 127.0.0.1:8490 (got "${text}")`;
  return { host: match[1] ?? match[2] ?? '127.0.0.1', port };
}

export const DEFAULT_LISTEN = '127.0.0.1:8490';
