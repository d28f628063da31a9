import type { RequestListener, Server } from 'node:http';
import { http } from '../node-http.ts';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { checkTokens } from './api-roles.ts';
import type { CourierApi } from './courier-contract.ts';
import { EventStreams } from './event-stream.ts';
import { createRequestHandler } from './handle-request.ts';
import { allowedHosts, localUrl } from './host-names.ts';
import type { TlsFiles } from './tls-files.ts';

/** How to run the local HTTP API. */
export interface ApiServerOptions {
  readonly api: CourierApi;
  /** The address to bind: 127.0.0.1 by default in the CLI; 0.0.0.0 for LAN monitoring. */
  readonly host: string;
  /** 0 picks any free port. */
  readonly port: number;
  /** The admin token: it may call everything (see readOrCreateApiToken). */
  readonly token: string;
  /**
   * The read-only monitor token (see readOrCreateMonitorToken): status, recordings, events,
   * metrics. Without it only the admin token is accepted.
   */
  readonly monitorToken?: string;
  /** The Prometheus text for GET /metrics. */
  readonly metrics: () => string | Promise<string>;
  /** The diagnostics bundle for GET /api/v1/diagnostics (admin only); without it that answers 404. */
  readonly diagnostics?: () => Promise<{ readonly fileName: string; readonly bytes: Buffer }>;
  /** The built UI to serve at `/`; without it `/` is a short note that the API is here. */
  readonly staticDir?: string;
  /** Serve HTTPS with this certificate and key (see readTlsFiles); plain HTTP without it. */
  readonly tls?: TlsFiles;
  /** Receives one line per request (method, path, status; never a token or a secret). */
  readonly log?: (line: string) => void;
}

/** A running local API. */
export interface ApiServer {
  /** Where this machine reaches it, e.g. http://127.0.0.1:8490 (the actual port); https:// with TLS. */
  readonly url: string;
  /** Whether it serves HTTPS. */
  readonly secure: boolean;
  readonly port: number;
  /** Ends open event streams and stops listening; calling it again waits for the same stop. */
  close(): Promise<void>;
}

/** How long close() lets requests in progress finish before cutting their connections. */
const CLOSE_GRACE_MS = 2_000;

/** Starts the local HTTP API (DESIGN.md, "Local HTTP API") serving `api`. */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const tokens = {
    admin: options.token,
    ...(options.monitorToken !== undefined && { monitor: options.monitorToken }),
  };
  checkTokens(tokens);
  let hosts: ReadonlySet<string> = new Set();
  const streams = new EventStreams(options.api);
  const secure = options.tls !== undefined;
  const handler = createRequestHandler({
    tokens,
    allowedHosts: () => hosts,
    secure,
    context: {
      api: options.api,
      metrics: options.metrics,
      streams,
      ...(options.diagnostics && { diagnostics: options.diagnostics }),
    },
    ...(options.staticDir !== undefined && { staticDir: options.staticDir }),
    log: options.log ?? (() => {}),
  });
  const server = serverFor(handler, options.tls);
  await listen(server, options.host, options.port);
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(options.host, port, secure);
  let stopping: Promise<void> | undefined;
  return {
    url: localUrl(options.host, port, secure),
    secure,
    port,
    close: () => (stopping ??= stop(server, streams)),
  };
}

function serverFor(handler: RequestListener, tls: TlsFiles | undefined): Server {
  if (tls === undefined) return http.createServer(handler);
  return createHttpsServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, handler);
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(listenFailure(error, host, port)),
    );
    server.listen(port, host, () => resolve());
  });
}

function listenFailure(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const words: Record<string, string> = {
    EADDRINUSE: `port ${port} on ${host} is already in use (is another Call Courier running?)`,
    EADDRNOTAVAIL: `${host} is not an address of this machine`,
    EACCES: `this user may not listen on port ${port}`,
  };
  const message = words[error.code ?? ''];
  return message ? new Error(`the local API cannot start: ${message}`, { cause: error }) : error;
}

function stop(server: Server, streams: EventStreams): Promise<void> {
  return new Promise((resolve, reject) => {
    const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    force.unref();
    server.close((error) => {
      clearTimeout(force);
      if (error) reject(error);
      else resolve();
    });
    streams.closeAll();
    server.closeIdleConnections();
  });
}
