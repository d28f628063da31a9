import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, expect } from 'vitest';
import { writeWav } from '../../fixtures/audio.ts';
import {
  RecordingLogger,
  startRig,
  waitForStatus,
  type DeliveryRig,
  type RigOptions,
} from '../../integration/delivery/service-fixture.ts';
import { startFaultProxy, type FaultProxy, type FaultProxyOptions } from './fault-proxy.ts';

/** A real service delivering to the Ender Turing emulator through a fault proxy. */
export interface ProxiedRig {
  readonly rig: DeliveryRig;
  readonly proxy: FaultProxy;
  readonly log: RecordingLogger;
  stop(): Promise<void>;
}

/** How a proxied rig differs from the plain one. */
export interface ProxiedRigOptions extends Omit<RigOptions, 'configure' | 'log'> {
  /** Options of profile `et` besides baseUrl and username (timeoutSeconds, caCertificate). */
  readonly profileOptions?: Readonly<Record<string, unknown>>;
  readonly proxy?: Omit<FaultProxyOptions, 'target'>;
  /** The server address the profile is given instead of the proxy's. */
  readonly baseUrl?: string;
}

/** Starts an emulator, a fault proxy in front of it and a service delivering through the proxy. */
export async function startProxiedRig(
  name: string,
  options: ProxiedRigOptions = {},
): Promise<ProxiedRig> {
  const proxy = await startFaultProxy({ ...options.proxy, target: 'http://127.0.0.1:9' });
  const log = new RecordingLogger();
  const rig = await startRig(name, {
    ...options,
    log,
    configure: (base) => {
      const [profile] = base.profiles;
      const emulatorUrl = String((profile?.options as { baseUrl: string }).baseUrl);
      proxy.retarget(emulatorUrl);
      return {
        ...base,
        profiles: [
          {
            ...profile,
            options: {
              ...(profile?.options as object),
              baseUrl: options.baseUrl ?? proxy.url,
              ...options.profileOptions,
            },
          },
        ],
      };
    },
  });
  return {
    rig,
    proxy,
    log,
    stop: async () => {
      await rig.stop();
      await proxy.close();
    },
  };
}

/** Writes `count` distinct stereo call recordings named as Ender Turing reads them; answers their names. */
export async function writeCalls(
  folder: string,
  count: number,
  spec: { readonly seconds: number; readonly sampleRate?: number; readonly first?: number } = {
    seconds: 2,
  },
): Promise<string[]> {
  const names: string[] = [];
  for (let i = spec.first ?? 0; i < (spec.first ?? 0) + count; i += 1) {
    const minute = String(i % 60).padStart(2, '0');
    const name = `20240401_${String(10 + Math.floor(i / 60))}${minute}_Agent${i}_2000${i}_IN_0.wav`;
    // Distinct content per call: the tone's length differs.
    await writeWav(join(folder, name), {
      channels: 2,
      sampleRate: spec.sampleRate ?? 8000,
      seconds: spec.seconds + i / 100,
    });
    names.push(name);
  }
  return names;
}

/** Lost and duplicated recordings of one run, counted at the emulator. */
export interface DeliveryCount {
  readonly files: number;
  readonly lost: number;
  readonly duplicates: number;
}

/**
 * Waits until every recording is `uploaded` (none `failed`), then counts at the emulator how
 * many of `names` it never got (lost) and how many it got more than once (duplicates).
 */
export async function deliveredOnce(
  rig: DeliveryRig,
  names: readonly string[],
  timeoutMs = 30_000,
): Promise<DeliveryCount> {
  const status = await waitForStatus(
    rig.service,
    (s) => s.counts.uploaded >= names.length || s.counts.failed > 0,
    timeoutMs,
  );
  expect(status.counts.failed).toBe(0);
  return countAtEmulator(rig, names);
}

/** How many of `names` the emulator never got, and how many extra copies it got. */
export function countAtEmulator(rig: DeliveryRig, names: readonly string[]): DeliveryCount {
  const got = rig.emulator.uploads.map((u) => u.fileName);
  const lost = names.filter((n) => !got.includes(n)).length;
  const duplicates = got.length - new Set(got).size;
  return { files: names.length, lost, duplicates };
}

/** The messages the service logged when it put a recording back in the queue to retry. */
export function retryReasons(log: RecordingLogger): string[] {
  return log.lines
    .filter((l) => l.level === 'warn' && / will be retried in \d+ s: /.test(l.message))
    .map((l) => l.message.replace(/^.* will be retried in \d+ s: /, ''));
}

/** One row of the queue database, read directly from the SQLite file. */
export interface QueueRow {
  readonly id: number;
  readonly fileName: string;
  readonly status: string;
  readonly error: string | null;
  readonly errorCode: string | null;
  readonly nextAttemptAt: number | null;
  /** When the row last changed (ms since the epoch), written with nextAttemptAt. */
  readonly updatedAt: number;
  readonly attempts: number;
}

/** Reads the queue's rows straight from the database file (read-only, beside the service). */
export function queueRows(dataDir: string): QueueRow[] {
  const db = new DatabaseSync(join(dataDir, 'queue.sqlite'), { readOnly: true });
  try {
    return db
      .prepare(
        `SELECT id, file_name, status, error, error_code, next_attempt_at, updated_at, attempts
           FROM recordings ORDER BY id`,
      )
      .all()
      .map((r) => ({
        id: Number(r.id),
        fileName: String(r.file_name),
        status: String(r.status),
        error: r.error === null ? null : String(r.error),
        errorCode: r.error_code === null ? null : String(r.error_code),
        nextAttemptAt: r.next_attempt_at === null ? null : Number(r.next_attempt_at),
        updatedAt: Number(r.updated_at),
        attempts: Number(r.attempts),
      }));
  } finally {
    db.close();
  }
}

/** Polls until `check` answers a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Figures of one test file: files, faults injected, lost, duplicates; printed when it ends. */
export class Tally {
  files = 0;
  faults = 0;
  lost = 0;
  duplicates = 0;

  constructor(name: string) {
    afterAll(() => {
      console.log(
        `figures ${name}: files=${this.files} faults=${this.faults} lost=${this.lost} duplicates=${this.duplicates}`,
      );
    });
  }

  /** Adds one run's counts. */
  add(count: DeliveryCount, faults: number): void {
    this.files += count.files;
    this.faults += faults;
    this.lost += count.lost;
    this.duplicates += count.duplicates;
  }
}
