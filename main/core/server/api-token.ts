import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The file in the data dir that holds the local API's admin token (everything). */
export const API_TOKEN_FILE = 'api-token';

/** The file in the data dir that holds the read-only monitor token (status, lists, events, metrics). */
export const MONITOR_TOKEN_FILE = 'monitor-token';

/** The local API's admin token: read from `<dataDir>/api-token`, or created there (see readOrCreateToken). */
export function readOrCreateApiToken(dataDir: string): Promise<string> {
  return readOrCreateToken(dataDir, API_TOKEN_FILE);
}

/** The read-only monitor token: read from `<dataDir>/monitor-token`, or created there (see readOrCreateToken). */
export function readOrCreateMonitorToken(dataDir: string): Promise<string> {
  return readOrCreateToken(dataDir, MONITOR_TOKEN_FILE);
}

/** A token kept in `<dataDir>/<file>`: read, or created there (32 random bytes, base64url, mode 0600). */
export async function readOrCreateToken(dataDir: string, fileName: string): Promise<string> {
  const file = join(dataDir, fileName);
  const existing = await readToken(file);
  if (existing) return existing;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const token = randomBytes(32).toString('base64url');
  try {
    // An empty file (a crash between creating and writing it) is replaced; a real one never is.
    await writeFile(file, `${token}\n`, { mode: 0o600, flag: existing === '' ? 'w' : 'wx' });
  } catch (error) {
    // Another process created it first: use theirs.
    const theirs = (error as NodeJS.ErrnoException).code === 'EEXIST' && (await readToken(file));
    if (theirs) return theirs;
    throw error;
  }
  await chmod(file, 0o600);
  return token;
}

/** The address the CLI prints for the UI, with the token in the fragment (never sent to the server or logged). */
export function uiAddress(url: string, token: string): string {
  return `${url.replace(/\/+$/, '')}/#token=${encodeURIComponent(token)}`;
}

/** The token in the file, '' when the file is empty, null when there is no file. */
async function readToken(file: string): Promise<string | null> {
  try {
    const token = (await readFile(file, 'utf8')).trim();
    if (token && process.platform !== 'win32') await chmod(file, 0o600);
    return token;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
