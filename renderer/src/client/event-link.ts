import type { CourierEvent } from '../../../preload/api.ts';
import { DEFAULT_RECONNECT, reconnectDelay, type ReconnectPolicy } from './reconnect-policy.ts';

/**
 * How the window's live link to the service is: connecting (first time), connected,
 * lost (retrying after a wait) or refused (the access key is wrong: retrying cannot help).
 */
export type LinkState = 'connecting' | 'connected' | 'lost' | 'refused';

/** The part of the browser's EventSource the link uses. */
export interface EventSourceLike {
  onopen: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  addEventListener(type: string, listener: (event: { readonly data: unknown }) => void): void;
  close(): void;
}

/** Timers, replaceable in tests. */
export interface LinkTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** What the link needs from its surroundings. */
export interface EventLinkOptions {
  /** Opens a new stream (a FetchEventSource on /api/v1/events, the token in its header). */
  readonly open: () => EventSourceLike;
  /** Asked after a loss: true when the service refuses the access key, so retrying is pointless. */
  readonly accessRefused?: () => Promise<boolean>;
  readonly timers?: LinkTimers;
  readonly policy?: ReconnectPolicy;
  readonly random?: () => number;
}

const EVENT_TYPES: readonly CourierEvent['type'][] = ['recording', 'status', 'progress', 'alarm'];

const realTimers: LinkTimers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * One Server-Sent Events stream shared by every subscriber: opened with the first, closed with
 * the last. When it drops, it is reopened after a growing wait (reconnectDelay) until it is back.
 */
export class EventLink {
  readonly #options: EventLinkOptions;
  readonly #timers: LinkTimers;
  readonly #listeners = new Set<(event: CourierEvent) => void>();
  readonly #stateListeners = new Set<(state: LinkState) => void>();
  #state: LinkState = 'connecting';
  #source: EventSourceLike | null = null;
  #timer: unknown = null;
  #attempt = 0;

  constructor(options: EventLinkOptions) {
    this.#options = options;
    this.#timers = options.timers ?? realTimers;
  }

  /** The link's state now. */
  get state(): LinkState {
    return this.#state;
  }

  /** Receives every event; the first subscriber opens the stream, the last one's disposer closes it. */
  subscribe(listener: (event: CourierEvent) => void): () => void {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.#connect();
    return () => {
      if (this.#listeners.delete(listener) && this.#listeners.size === 0) this.#stop();
    };
  }

  /** Told every change of state; returns the disposer. */
  onState(listener: (state: LinkState) => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  #connect(): void {
    this.#timer = null;
    const source = this.#options.open();
    this.#source = source;
    source.onopen = () => {
      if (this.#source !== source) return;
      this.#attempt = 0;
      this.#setState('connected');
    };
    source.onerror = () => {
      if (this.#source === source) void this.#lost();
    };
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (message) => {
        if (this.#source !== source) return;
        const event = parseEvent(type, message.data);
        if (event) for (const listener of [...this.#listeners]) listener(event);
      });
    }
  }

  async #lost(): Promise<void> {
    this.#source?.close();
    this.#source = null;
    this.#attempt += 1;
    this.#setState('lost');
    const refused = await (this.#options.accessRefused?.() ?? Promise.resolve(false)).catch(
      () => false,
    );
    if (this.#listeners.size === 0 || this.#source !== null) return;
    if (refused) {
      this.#setState('refused');
      return;
    }
    const wait = reconnectDelay(
      this.#attempt,
      this.#options.policy ?? DEFAULT_RECONNECT,
      this.#options.random,
    );
    this.#timer = this.#timers.set(() => this.#connect(), wait);
  }

  #stop(): void {
    if (this.#timer !== null) this.#timers.clear(this.#timer);
    this.#timer = null;
    this.#source?.close();
    this.#source = null;
    this.#attempt = 0;
    this.#setState('connecting');
  }

  #setState(state: LinkState): void {
    if (state === this.#state) return;
    this.#state = state;
    for (const listener of [...this.#stateListeners]) listener(state);
  }
}

/** A stream message as a CourierEvent of the type it was sent as, or null when it is not one. */
export function parseEvent(type: CourierEvent['type'], data: unknown): CourierEvent | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  return (value as { type?: unknown }).type === type ? (value as CourierEvent) : null;
}
