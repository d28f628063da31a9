import { OFFLINE_AFTER_FAILURES, offlineProbeDelayMs } from './retry-policy.ts';

/** How one destination is doing, as the scheduler sees it. */
export type DestinationState =
  | { readonly kind: 'active' }
  /** Needs a person: credentials refused, a secret or setting missing. Lifted when settings or secrets change. */
  | { readonly kind: 'paused'; readonly message: string }
  /** Unreachable after repeated transient failures: probed with one recording at a time. */
  | {
      readonly kind: 'offline';
      readonly message: string;
      readonly since: number;
      readonly nextProbeAt: number;
    };

interface Entry {
  state: DestinationState;
  consecutiveFailures: number;
  probing: boolean;
}

/** Tracks each destination's health so that an offline one is probed instead of hammered. */
export class DestinationHealth {
  readonly #entries = new Map<string, Entry>();
  readonly #listeners = new Set<(destination: string, state: DestinationState) => void>();

  /** The destination's state; unknown destinations are active. */
  state(destination: string): DestinationState {
    return this.#entry(destination).state;
  }

  /** Whether a new attempt may start now. Claiming a probe of an offline destination is exclusive. */
  canSend(destination: string, now: number): boolean {
    const entry = this.#entry(destination);
    const { state } = entry;
    if (state.kind === 'active') return true;
    if (state.kind === 'paused') return false;
    return !entry.probing && now >= state.nextProbeAt;
  }

  /** Marks the start of an attempt (for an offline destination, its probe). */
  started(destination: string): void {
    const entry = this.#entry(destination);
    if (entry.state.kind === 'offline') entry.probing = true;
  }

  /** An attempt was confirmed: the destination is healthy. */
  succeeded(destination: string): void {
    const entry = this.#entry(destination);
    entry.consecutiveFailures = 0;
    entry.probing = false;
    if (entry.state.kind !== 'active') this.#set(destination, { kind: 'active' });
  }

  /** An attempt failed in a way worth retrying; enough of these in a row mean offline. */
  failedTransiently(destination: string, message: string, now: number): void {
    const entry = this.#entry(destination);
    entry.consecutiveFailures += 1;
    entry.probing = false;
    if (entry.state.kind === 'paused' || entry.consecutiveFailures < OFFLINE_AFTER_FAILURES) return;
    const since = entry.state.kind === 'offline' ? entry.state.since : now;
    this.#set(destination, {
      kind: 'offline',
      message,
      since,
      nextProbeAt: now + offlineProbeDelayMs(entry.consecutiveFailures),
    });
  }

  /** Stops a destination until a person acts (see `resume`). */
  pause(destination: string, message: string): void {
    const entry = this.#entry(destination);
    entry.probing = false;
    this.#set(destination, { kind: 'paused', message });
  }

  /** Lifts a pause or an offline wait, e.g. after its settings or secret changed. */
  resume(destination: string): void {
    const entry = this.#entry(destination);
    entry.consecutiveFailures = 0;
    entry.probing = false;
    if (entry.state.kind !== 'active') this.#set(destination, { kind: 'active' });
  }

  /** The earliest time an offline destination may be probed, or null. */
  nextProbeAt(): number | null {
    let next: number | null = null;
    for (const { state, probing } of this.#entries.values()) {
      if (state.kind === 'offline' && !probing && (next === null || state.nextProbeAt < next))
        next = state.nextProbeAt;
    }
    return next;
  }

  /** Subscribes to state changes; returns the disposer. */
  onDidChange(listener: (destination: string, state: DestinationState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #entry(destination: string): Entry {
    let entry = this.#entries.get(destination);
    if (!entry) {
      entry = { state: { kind: 'active' }, consecutiveFailures: 0, probing: false };
      this.#entries.set(destination, entry);
    }
    return entry;
  }

  #set(destination: string, state: DestinationState): void {
    this.#entry(destination).state = state;
    for (const listener of this.#listeners) listener(destination, state);
  }
}
