import { request as httpRequest } from 'node:http';
import { request } from 'undici';
import { vi } from 'vitest';
import { writeZip } from '../../../../main/core/diagnostics/zip-writer.ts';
import { startApiServer, type ApiServer } from '../../../../main/core/server/start-api-server.ts';
import { InMemoryCourier } from './in-memory-courier.ts';

/** The admin token the test servers use. */
export const TOKEN = 'test-token-7f3a9c';

/** The read-only monitor token the test servers use. */
export const MONITOR_TOKEN = 'monitor-token-2b81e4';

/** An answer as a test sees it. */
export interface TestAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/** How a test request differs from a plain authorised one. */
export interface TestRequest {
  /** The bearer token to send; null sends none. */
  readonly token?: string | null;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON with Content-Type: application/json. */
  readonly json?: unknown;
  /** Sent as it is (set the Content-Type in headers). */
  readonly body?: string | Buffer;
}

/** A real local API on 127.0.0.1 with an in-memory CourierApi behind it. */
export interface TestServer {
  readonly api: InMemoryCourier;
  readonly server: ApiServer;
  /** Every line the server logged. */
  readonly logs: string[];
  send(method: string, path: string, options?: TestRequest): Promise<TestAnswer>;
  /** The answer's body as JSON. */
  sendJson(method: string, path: string, options?: TestRequest): Promise<unknown>;
  /** GETs a path exactly as written (no client-side normalising of `..`), without a token. */
  getRaw(path: string): Promise<TestAnswer>;
  /** Opens the event stream and collects what arrives; the token goes in the header unless the path has one. */
  openEvents(path?: string, token?: string): Promise<EventClient>;
}

/** A connected event-stream client. */
export interface EventClient {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  received(): string;
  /** Resolves once the stream has carried `text`. */
  waitFor(text: string): Promise<void>;
  close(): void;
}

/** Starts a server on 127.0.0.1, any free port. */
export async function startTestServer(
  options: {
    staticDir?: string;
    api?: InMemoryCourier;
    metrics?: () => string | Promise<string>;
  } = {},
): Promise<TestServer> {
  const api = options.api ?? new InMemoryCourier();
  const logs: string[] = [];
  const server = await startApiServer({
    api,
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    monitorToken: MONITOR_TOKEN,
    metrics:
      options.metrics ??
      (() => '# TYPE courier_recordings gauge\ncourier_recordings{status="queued"} 3\n'),
    log: (line) => logs.push(line),
    diagnostics: async () => ({
      fileName: 'call-courier-diagnostics-test.zip',
      bytes: await writeZip([{ name: 'README.txt', content: 'a test bundle\n' }]),
    }),
    ...(options.staticDir !== undefined && { staticDir: options.staticDir }),
  });
  const send = async (method: string, path: string, o: TestRequest = {}): Promise<TestAnswer> => {
    const token = o.token === undefined ? TOKEN : o.token;
    const headers: Record<string, string> = {
      ...(token !== null && { authorization: `Bearer ${token}` }),
      ...(o.json !== undefined && { 'content-type': 'application/json' }),
      ...o.headers,
    };
    const body = o.json !== undefined ? JSON.stringify(o.json) : o.body;
    const answer = await request(`${server.url}${path}`, { method, headers, body });
    return { status: answer.statusCode, headers: answer.headers, text: await answer.body.text() };
  };
  return {
    api,
    server,
    logs,
    send,
    sendJson: async (method, path, o) => JSON.parse((await send(method, path, o)).text),
    getRaw: (path) => getRaw(server.url, path),
    openEvents: (path = '/api/v1/events', token = TOKEN) =>
      openEvents(`${server.url}${path}`, path.includes('token=') ? {} : auth(token)),
  };
}

/** The Authorization header with the test token (the admin's unless given). */
export function auth(token = TOKEN): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

function getRaw(base: string, path: string): Promise<TestAnswer> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const req = httpRequest({ hostname, port, path, headers: { host: `${hostname}:${port}` } });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.end();
  });
}

function openEvents(url: string, headers: Record<string, string>): Promise<EventClient> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { accept: 'text/event-stream', ...headers } });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('error', () => {});
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        received: () => text,
        waitFor: (wanted) =>
          vi.waitFor(() => void expectContains(text, wanted), { timeout: 5_000 }),
        close: () => req.destroy(),
      });
    });
    req.end();
  });
}

function expectContains(text: string, wanted: string): void {
  if (!text.includes(wanted)) throw new Error(`the stream has not carried ${wanted} yet`);
}
