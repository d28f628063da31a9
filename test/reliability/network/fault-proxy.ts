import {
  createServer as createHttpServer,
  request as forward,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/** What the proxy does to one request it is told to spoil. */
export type ProxyFault =
  /** Closes the connection once this many bytes of the request body have come through. */
  | { readonly kind: 'reset'; readonly afterBytes: number }
  /** Stops taking the request body (and forwarding it) after this many bytes, for ever. */
  | { readonly kind: 'stall'; readonly afterBytes: number }
  /** Forwards the request whole, then holds the platform's answer back for ever. */
  | { readonly kind: 'hold-answer' }
  /**
   * Answers at once for the platform (a reverse proxy's 413), without forwarding; reads and
   * drops the body meanwhile, as nginx's lingering close does, then closes the connection.
   */
  | { readonly kind: 'answer-early'; readonly status: number; readonly detail: string }
  /** Lets the request body through `bytes` at a time, every `everyMs`; then the answer one byte every `answerEveryMs`. */
  | {
      readonly kind: 'drip';
      readonly bytes: number;
      readonly everyMs: number;
      readonly answerEveryMs: number;
    };

/** Which requests a fault strikes: the next `count` whose path starts with `path`. */
export interface FaultPlan {
  readonly fault: ProxyFault;
  readonly path: string;
  readonly count: number;
}

/** A fault proxy on 127.0.0.1 in front of a platform emulator. */
export interface FaultProxy {
  /** e.g. http://127.0.0.1:41234 or https://localhost:41234 with `hostName`. */
  readonly url: string;
  readonly port: number;
  /** Faults that struck so far. */
  readonly injected: number;
  /** Requests that reached the proxy, fault or not. */
  readonly requests: number;
  /** Bytes of answers let through one by one (drip). */
  readonly drippedAnswerBytes: number;
  /** Replaces the faults to come. */
  plan(plans: readonly FaultPlan[]): void;
  /** Forwards to another address from now on. */
  retarget(target: string): void;
  close(): Promise<void>;
}

/** How to start a proxy. */
export interface FaultProxyOptions {
  /** The emulator's address (http://127.0.0.1:port). */
  readonly target: string;
  /** Serve HTTPS with this key and certificate (PEM) instead of HTTP. */
  readonly tls?: { readonly key: string; readonly cert: string };
  /** The host name put in `url` (default 127.0.0.1); the proxy always listens on 127.0.0.1. */
  readonly hostName?: string;
  /** Listen on this port (default: any free one). */
  readonly port?: number;
}

/**
 * Starts an HTTP (or HTTPS) proxy that forwards every request to the emulator, spoiling the
 * ones its plan names: connection reset mid-body, stalled socket, answer held back, slow drip.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  let target = new URL(options.target);
  let plans: { fault: ProxyFault; path: string; left: number }[] = [];
  let injected = 0;
  let requests = 0;
  let drippedAnswerBytes = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const take = (path: string): ProxyFault | undefined => {
    const plan = plans.find((p) => p.left > 0 && path.startsWith(p.path));
    if (plan === undefined) return undefined;
    plan.left -= 1;
    injected += 1;
    return plan.fault;
  };

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    requests += 1;
    const fault = take(req.url ?? '/');
    if (fault?.kind === 'answer-early') {
      const body = JSON.stringify({ detail: fault.detail });
      res.writeHead(fault.status, { 'content-type': 'application/json', connection: 'close' });
      res.end(body);
      req.resume();
      return;
    }
    const upstream = forward({
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: target.host },
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    upstream.on('response', (answer) => {
      if (fault?.kind === 'hold-answer') return; // the answer never comes
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      if (fault?.kind === 'drip') {
        answer.on('data', (chunk: Buffer) => (drippedAnswerBytes += chunk.length));
        drip(answer, res, 1, fault.answerEveryMs, timers);
      } else answer.pipe(res);
    });
    if (fault === undefined || fault.kind === 'hold-answer') {
      req.pipe(upstream);
      return;
    }
    if (fault.kind === 'drip') {
      drip(req, upstream, fault.bytes, fault.everyMs, timers);
      return;
    }
    let seen = 0;
    req.on('data', (chunk: Buffer) => {
      const room = fault.afterBytes - seen;
      seen += chunk.length;
      if (room > 0) upstream.write(room >= chunk.length ? chunk : chunk.subarray(0, room));
      if (seen < fault.afterBytes) return;
      if (fault.kind === 'reset') {
        req.socket.resetAndDestroy();
        upstream.destroy();
      } else {
        req.pause(); // nothing more is read: the client's socket fills and stalls
      }
    });
    req.on('end', () => upstream.end());
  };

  const server: Server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handler)
    : createHttpServer(handler);
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined); // a client that refuses our certificate
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const scheme = options.tls ? 'https' : 'http';
  return {
    url: `${scheme}://${options.hostName ?? '127.0.0.1'}:${port}`,
    port,
    get injected() {
      return injected;
    },
    get requests() {
      return requests;
    },
    get drippedAnswerBytes() {
      return drippedAnswerBytes;
    },
    retarget: (next) => {
      target = new URL(next);
    },
    plan: (next) => {
      plans = next.map((p) => ({ fault: p.fault, path: p.path, left: p.count }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** Copies a stream `bytes` at a time, one piece every `everyMs`, pausing the source meanwhile. */
function drip(
  from: NodeJS.ReadableStream & { pause(): void; resume(): void; destroyed?: boolean },
  to: NodeJS.WritableStream & { destroyed?: boolean },
  bytes: number,
  everyMs: number,
  timers: Set<NodeJS.Timeout>,
): void {
  let pending: Buffer[] = [];
  let ended = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = (): void => {
    if (timer) timers.delete(timer);
    timer = undefined;
    if (to.destroyed === true) return;
    const all = Buffer.concat(pending);
    to.write(all.subarray(0, bytes));
    pending = all.length > bytes ? [all.subarray(bytes)] : [];
    if (pending.length > 0) schedule();
    else if (ended) to.end();
    else from.resume();
  };
  const schedule = (): void => {
    timer = setTimeout(tick, everyMs);
    timers.add(timer);
  };
  from.on('data', (chunk: Buffer) => {
    pending.push(chunk);
    from.pause();
    if (timer === undefined) schedule();
  });
  from.on('end', () => {
    ended = true;
    if (timer === undefined && pending.length === 0) to.end();
  });
}
