import type { EventSourceLike } from './event-link.ts';
import { EventStreamParser } from './event-stream-parser.ts';

/** How to open the event stream: where, with which token, through which fetch. */
export interface FetchEventSourceOptions {
  readonly url: string;
  readonly token: string;
  readonly fetch?: typeof fetch;
}

/**
 * The event stream read with `fetch()`, so the access token travels in the Authorization header
 * (the browser's EventSource cannot set headers, and a token in the address ends up in logs and
 * history). Reports one open and at most one error, like an EventSource that does not reconnect
 * by itself: EventLink decides when to open a new one.
 */
export class FetchEventSource implements EventSourceLike {
  onopen: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly #listeners = new Map<string, ((event: { readonly data: unknown }) => void)[]>();
  readonly #abort = new AbortController();
  #closed = false;

  /** Starts the request at once (the handlers set right after still see its outcome). */
  constructor(options: FetchEventSourceOptions) {
    void this.#read(options);
  }

  /** Receives the data of every event of this type. */
  addEventListener(type: string, listener: (event: { readonly data: unknown }) => void): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }

  /** Stops reading; no handler is called afterwards. */
  close(): void {
    this.#closed = true;
    this.#abort.abort();
  }

  async #read(options: FetchEventSourceOptions): Promise<void> {
    const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
    try {
      const response = await doFetch(options.url, {
        headers: { Authorization: `Bearer ${options.token}`, Accept: 'text/event-stream' },
        credentials: 'omit',
        cache: 'no-store',
        signal: this.#abort.signal,
      });
      const type = response.headers.get('content-type') ?? '';
      if (!response.ok || !type.startsWith('text/event-stream') || !response.body) {
        await response.body?.cancel().catch(() => {});
        throw new Error(`the event stream answered ${response.status}`);
      }
      if (this.#closed) return;
      this.onopen?.({});
      const parser = new EventStreamParser();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const message of parser.push(value)) this.#deliver(message.type, message.data);
      }
      throw new Error('the event stream ended');
    } catch (error) {
      if (!this.#closed) this.onerror?.(error);
    }
  }

  #deliver(type: string, data: string): void {
    if (this.#closed) return;
    for (const listener of this.#listeners.get(type) ?? []) listener({ data });
  }
}
