import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/** A TCP relay on loopback that counts the bytes clients send through it, over time. */
export interface CountingProxy {
  /** http://127.0.0.1:PORT: give this to the client instead of the target's address. */
  readonly url: string;
  /** Bytes sent by clients so far (requests: headers, multipart framing and file bytes). */
  readonly bytesUp: number;
  /** [performance.now(), cumulative bytes up] at every chunk relayed. */
  readonly timeline: readonly (readonly [number, number])[];
  close(): Promise<void>;
}

/** Starts a relay to `target` (host:port of an HTTP server), counting client→server bytes. */
export async function startCountingProxy(targetUrl: string): Promise<CountingProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  const timeline: [number, number][] = [];
  let bytesUp = 0;
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => {
      bytesUp += chunk.length;
      timeline.push([performance.now(), bytesUp]);
    });
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get bytesUp() {
      return bytesUp;
    },
    timeline,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Bytes per second between two moments of a timeline (linear between its points). */
export function rateBetween(
  timeline: readonly (readonly [number, number])[],
  fromMs: number,
  toMs: number,
): number {
  return ((bytesAt(timeline, toMs) - bytesAt(timeline, fromMs)) / (toMs - fromMs)) * 1000;
}

/**
 * Cumulative bytes at a moment, interpolated between the chunks around it: data arrives in
 * chunks of up to 64 KiB, and counting whole chunks would round a one-second rate by ±6%.
 */
export function bytesAt(timeline: readonly (readonly [number, number])[], atMs: number): number {
  let low = 0;
  let high = timeline.length - 1;
  // The last point at or before the moment.
  let before = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((timeline[middle]?.[0] ?? Infinity) <= atMs) {
      before = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  const previous = timeline[before];
  const next = timeline[before + 1];
  if (previous === undefined) return 0;
  if (next === undefined) return previous[1];
  // The next chunk's bytes came in over the time since the previous one.
  const share = (atMs - previous[0]) / (next[0] - previous[0]);
  return previous[1] + share * (next[1] - previous[1]);
}
