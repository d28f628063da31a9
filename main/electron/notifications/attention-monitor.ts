/**
 * Decides when to notify: only for what a person must act on (a destination paused, a
 * destination offline for longer than 15 minutes, recordings that failed, an alarm), and batched, so a
 * burst of trouble is one notification, not one per file. Pure, with an injected clock.
 */
import type { AlarmId, CourierEvent, ProfileStatus, StatusAnswer } from '../../../preload/api.ts';
import { systemClock, type Clock } from './clock.ts';
import { noticeFor, type Attention, type Notice } from './notice-text.ts';

/** How the monitor is set up. */
export interface AttentionMonitorOptions {
  readonly notify: (notice: Notice) => void;
  readonly clock?: Clock;
  /** Everything noticed within this time of the first thing is one notification (default 30 s). */
  readonly burstMs?: number;
  /** A destination must be offline this long before a person is told (default 15 minutes). */
  readonly offlineAfterMs?: number;
}

interface ProfileWatch {
  state: ProfileStatus['state'];
  /** The timer that announces this offline spell, once it has lasted long enough. */
  offlineTimer: unknown;
}

/** Watches the core's events and notifies, batched, about what needs a person. */
export class AttentionMonitor {
  readonly #notify: (notice: Notice) => void;
  readonly #clock: Clock;
  readonly #burstMs: number;
  readonly #offlineAfterMs: number;
  readonly #profiles = new Map<string, ProfileWatch>();
  /** Recordings already counted as failed (until they leave `failed`). */
  readonly #failed = new Set<number>();
  /** Alarms that are on (until they clear). */
  readonly #alarms = new Set<AlarmId>();
  #pending: Attention[] = [];
  #burstTimer: unknown = null;

  constructor(options: AttentionMonitorOptions) {
    this.#notify = options.notify;
    this.#clock = options.clock ?? systemClock;
    this.#burstMs = options.burstMs ?? 30_000;
    this.#offlineAfterMs = options.offlineAfterMs ?? 15 * 60_000;
  }

  /** Takes one event from the core. */
  handle(event: CourierEvent): void {
    if (event.type === 'status') this.#status(event.status);
    if (event.type === 'alarm') this.#alarm(event.change, event.alarm.id, event.alarm.message);
    if (event.type === 'recording') {
      const { item } = event;
      if (item.status !== 'failed') {
        this.#failed.delete(item.id);
      } else if (!this.#failed.has(item.id)) {
        this.#failed.add(item.id);
        this.#add({ kind: 'failed', id: item.id, fileName: item.fileName, error: item.error });
      }
    }
  }

  /** Stops every timer; nothing more is announced. */
  dispose(): void {
    for (const watch of this.#profiles.values()) this.#clearOffline(watch);
    this.#profiles.clear();
    if (this.#burstTimer !== null) this.#clock.clearTimeout(this.#burstTimer);
    this.#burstTimer = null;
    this.#pending = [];
  }

  #status(status: StatusAnswer): void {
    const seen = new Set<string>();
    for (const profile of status.profiles) {
      seen.add(profile.id);
      const watch = this.#profiles.get(profile.id) ?? { state: 'active', offlineTimer: null };
      this.#profiles.set(profile.id, watch);
      if (profile.state === watch.state) continue;
      this.#clearOffline(watch);
      watch.state = profile.state;
      if (profile.state === 'paused') {
        this.#add({
          kind: 'paused',
          profile: profile.id,
          label: profile.label,
          ...(profile.message ? { message: profile.message } : {}),
        });
      } else if (profile.state === 'offline') {
        watch.offlineTimer = this.#clock.setTimeout(() => {
          watch.offlineTimer = null;
          this.#add({
            kind: 'offline',
            profile: profile.id,
            label: profile.label,
            minutes: Math.round(this.#offlineAfterMs / 60_000),
          });
        }, this.#offlineAfterMs);
      }
    }
    for (const [id, watch] of this.#profiles) {
      if (seen.has(id)) continue;
      this.#clearOffline(watch);
      this.#profiles.delete(id);
    }
  }

  #alarm(change: 'started' | 'cleared', alarm: AlarmId, message: string): void {
    if (change === 'cleared') {
      this.#alarms.delete(alarm);
    } else if (!this.#alarms.has(alarm)) {
      this.#alarms.add(alarm);
      this.#add({ kind: 'alarm', alarm, message });
    }
  }

  #clearOffline(watch: ProfileWatch): void {
    if (watch.offlineTimer !== null) this.#clock.clearTimeout(watch.offlineTimer);
    watch.offlineTimer = null;
  }

  /** Adds to the current burst, opening one if none is open. */
  #add(attention: Attention): void {
    const duplicate = this.#pending.some(
      (a) =>
        a.kind === attention.kind &&
        (a.kind === 'alarm'
          ? 'alarm' in attention && a.alarm === attention.alarm
          : a.kind !== 'failed' && 'profile' in attention && a.profile === attention.profile),
    );
    if (!duplicate) this.#pending.push(attention);
    if (this.#burstTimer !== null) return;
    this.#burstTimer = this.#clock.setTimeout(() => this.#flush(), this.#burstMs);
  }

  #stillTrue(attention: Attention): boolean {
    if (attention.kind === 'failed') return this.#failed.has(attention.id);
    if (attention.kind === 'alarm') return this.#alarms.has(attention.alarm);
    return this.#profiles.get(attention.profile)?.state === attention.kind;
  }

  #flush(): void {
    this.#burstTimer = null;
    // What a person already fixed during the burst (retried, credentials replaced) is not announced.
    const notice = noticeFor(this.#pending.filter((a) => this.#stillTrue(a)));
    this.#pending = [];
    if (notice) this.#notify(notice);
  }
}
