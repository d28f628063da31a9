import { readFile } from 'node:fs/promises';
import { http } from '../core/node-http.ts';
import { join } from 'node:path';
import { API_TOKEN_FILE } from '../core/server/api-token.ts';

/** Where the running instance is: its listen address and its data folder (which holds the token). */
export interface LocalInstance {
  readonly listen: { readonly host: string; readonly port: number };
  readonly dataDir: string;
}

/** Why the running instance could not be asked, in plain words. */
export class LocalApiError extends Error {
  override readonly name = 'LocalApiError';
}

/**
 * Calls the running instance's local API with the token from its data folder; answers
 * the JSON body of a 2xx answer. Anything else is a LocalApiError saying what to check.
 */
export async function callLocalApi(
  instance: LocalInstance,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<unknown> {
  const token = (
    await readFile(join(instance.dataDir, API_TOKEN_FILE), 'utf8').catch(() => '')
  ).trim();
  if (!token) {
    throw new LocalApiError(
      `no access token in ${instance.dataDir}: is Call Courier running with that data folder? (--data-dir)`,
    );
  }
  const { host, port } = instance.listen;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}${path}`;
  let answer;
  try {
    answer = await ask(
      url,
      method,
      {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body === undefined ? undefined : JSON.stringify(body),
    );
  } catch (error) {
    throw new LocalApiError(
      `no answer from Call Courier on ${host}:${port} (${(error as Error).message}): is it running? (--listen)`,
    );
  }
  const { text } = answer;
  let json: unknown;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    throw new LocalApiError(
      `Call Courier on ${host}:${port} answered ${answer.statusCode} without JSON: is that port another program?`,
    );
  }
  if (answer.statusCode >= 200 && answer.statusCode < 300) return json;
  const said = (json as { error?: unknown } | null)?.error;
  throw new LocalApiError(
    typeof said === 'string' ? said : `Call Courier answered ${answer.statusCode}`,
  );
}

/** How long the local API may take to answer, or to go on answering. */
const TIMEOUT_MS = 30_000;

/**
 * One request with Node's own HTTP client: a command run after every call (`enqueue`) need
 * not load undici (~110 modules) to ask its own machine.
 */
function ask(
  url: string,
  method: 'GET' | 'POST',
  headers: Readonly<Record<string, string>>,
  body: string | undefined,
): Promise<{ readonly statusCode: number; readonly text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, timeout: TIMEOUT_MS }, (res) => {
      res.setEncoding('utf8');
      let text = '';
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`nothing for ${TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    req.end(body);
  });
}
