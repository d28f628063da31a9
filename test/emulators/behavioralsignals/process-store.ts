/** Which form of the Oliver API a process came in through. */
export type ApiVersion = 'v5' | 'legacy';

/** A recording Oliver took, as received. */
export interface ReceivedAudio {
  readonly version: ApiVersion;
  readonly cid: string;
  /** The job's name: the `name` field (v5) or query parameter (legacy), else the file name. */
  readonly name: string;
  /** The file part's file name. */
  readonly fileName: string;
  readonly contentType: string;
  readonly bytes: number;
  readonly sha256: string;
  /** v5: `meta` parsed from its JSON string; undefined when none was sent. */
  readonly meta?: unknown;
  /** v5: the `embeddings` field; undefined when none was sent. */
  readonly embeddings?: boolean;
  /** Legacy: the query parameters as received. */
  readonly query?: Readonly<Record<string, string>>;
}

/** A process: a received recording, its id and where its processing stands. */
export interface EmulatorProcess extends ReceivedAudio {
  readonly pid: number;
  readonly datetime: string;
  /** 0 pending, 1 processing, 2 completed, -1 failed, -2 insufficient credits, -3 server error. */
  readonly status: number;
  readonly statusmsg: string;
}

const MESSAGES: Readonly<Record<number, string>> = {
  0: 'Pending',
  1: 'Processing',
  2: 'Processing complete',
  [-1]: 'Processing failed',
  [-2]: 'Insufficient credits',
  [-3]: 'Internal server error',
};

/** The processes the emulator holds, in the order they came. */
export class ProcessStore {
  readonly #processes: EmulatorProcess[] = [];
  #nextPid = 5001;

  /** Every process, in order. */
  all(): readonly EmulatorProcess[] {
    return [...this.#processes];
  }

  /** Starts a pending process for a received recording. */
  add(audio: ReceivedAudio, now: Date): EmulatorProcess {
    const process: EmulatorProcess = {
      ...audio,
      pid: this.#nextPid++,
      datetime: now.toISOString(),
      status: 0,
      statusmsg: MESSAGES[0] ?? '',
    };
    this.#processes.push(process);
    return process;
  }

  /** The process of a project by id, or undefined. */
  get(cid: string, pid: string): EmulatorProcess | undefined {
    return this.#processes.find((p) => String(p.pid) === pid && p.cid === cid);
  }

  /** Moves a process to another status; throws for an unknown pid (a broken test). */
  setStatus(pid: number | string, status: number, statusmsg = MESSAGES[status] ?? ''): void {
    const index = this.#processes.findIndex((p) => String(p.pid) === String(pid));
    const process = this.#processes[index];
    if (process === undefined) throw new Error(`the emulator has no process ${pid}`);
    this.#processes[index] = { ...process, status, statusmsg };
  }
}

/** A process as Oliver answers it: v5 `{pid, cid, name, status, statusmsg, duration, datetime, meta}`. */
export function v5ProcessBody(process: EmulatorProcess): Record<string, unknown> {
  return {
    pid: process.pid,
    cid: Number(process.cid),
    name: process.name,
    status: process.status,
    statusmsg: process.statusmsg,
    duration: null,
    datetime: process.datetime,
    meta: process.meta === undefined ? null : JSON.stringify(process.meta),
  };
}

/**
 * A process as the legacy API answers it: the process object, echoing the query
 * fields; its id under `pid` (the process object specification) or `id` (the seed's word).
 */
export function legacyProcessBody(
  process: EmulatorProcess,
  idField: 'pid' | 'id',
): Record<string, unknown> {
  const { timezone, channels, ...fields } = process.query ?? {};
  return {
    [idField]: process.pid,
    cid: Number(process.cid),
    name: process.name,
    status: process.status,
    statusmsg: process.statusmsg,
    datetime: process.datetime,
    ...fields,
    ...(channels === undefined ? {} : { channels: Number(channels) }),
    ...(timezone === undefined ? {} : { timezone: Number(timezone) }),
  };
}
