import type { ServerResponse } from 'node:http';
import type { CourierApi, CourierEvent } from './courier-contract.ts';
import { API_HEADERS } from './http-answers.ts';

/** How often an idle event stream sends a comment, so proxies and browsers keep it open. */
export const HEARTBEAT_MS = 15_000;

/** A client this far behind is disconnected (EventSource reconnects) rather than buffered forever. */
const MAX_BACKLOG_BYTES = 1024 * 1024;

/** One CourierEvent as a Server-Sent Event: `event: <type>` and the event as one JSON data line. */
export function formatEvent(event: CourierEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** The open Server-Sent Event streams: each subscribed to the API until its client goes away. */
export class EventStreams {
  readonly #api: CourierApi;
  readonly #open = new Set<ServerResponse>();

  constructor(api: CourierApi) {
    this.#api = api;
  }

  /** Answers with an event stream that forwards every CourierEvent until the client disconnects. */
  open(res: ServerResponse): void {
    const send = (text: string): void => {
      if (res.writableEnded || res.destroyed) return;
      if (res.writableLength > MAX_BACKLOG_BYTES) res.end();
      else res.write(text);
    };
    const dispose = this.#api.onEvent((event) => send(formatEvent(event)));
    const heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS);
    this.#open.add(res);
    res.on('close', () => {
      dispose();
      clearInterval(heartbeat);
      this.#open.delete(res);
    });
    res.writeHead(200, {
      ...API_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'X-Accel-Buffering': 'no',
    });
    // Written once subscribed: a client that sees it will not miss a later event.
    res.write(': connected\n\n');
  }

  /** Ends every open stream (the server is shutting down). */
  closeAll(): void {
    for (const res of this.#open) res.end();
  }
}
