/**
 * Faults a platform emulator can be told to have, shared by every emulator. `E` names
 * the emulated endpoints a fault can be aimed at ('login' | 'upload' | …).
 */

/** How often a fault strikes: on the next `count` matching requests, then with `probability` on each. */
export interface FaultRate<E extends string = string> {
  readonly probability?: number;
  readonly count?: number;
  /** The endpoints it strikes; all of them when left out. */
  readonly endpoints?: readonly E[];
}

/** Faults the emulator can be told to have; setting them again starts the counts afresh. */
export interface EmulatorFaults<E extends string = string> {
  /** Answer 503 (or `status`) with Retry-After, before doing anything. */
  readonly unavailable?: FaultRate<E> & {
    readonly status?: 500 | 502 | 503 | 504;
    readonly retryAfterSeconds?: number;
    /** Send Retry-After as an HTTP date that many seconds ahead, rather than as seconds. */
    readonly retryAfterAsDate?: boolean;
  };
  /** Answer 429 with Retry-After. */
  readonly tooManyRequests?: FaultRate<E> & { readonly retryAfterSeconds?: number };
  /** Store the upload, then close the connection without answering. */
  readonly dropAfterStore?: FaultRate<E>;
  /** Refuse a well-formed upload the way the platform refuses a file it cannot use. */
  readonly reject?: FaultRate<E> & {
    readonly status: 400 | 413 | 415 | 422;
    readonly detail: string;
  };
  /** Wait before answering. */
  readonly slow?: FaultRate<E> & { readonly delayMs: number };
  /** Refuse logins as if the password were wrong. */
  readonly wrongPassword?: FaultRate<E>;
  /** Tokens stop working this many seconds after they were issued (then 401). */
  readonly tokenLifetimeSeconds?: number;
}

/** The Retry-After header of a fault that has one: seconds, or an HTTP date when asked for. */
export function retryAfterHeader(fault: {
  readonly retryAfterSeconds?: number;
  readonly retryAfterAsDate?: boolean;
}): string | undefined {
  const seconds = fault.retryAfterSeconds;
  if (seconds === undefined) return undefined;
  return fault.retryAfterAsDate === true
    ? new Date(Date.now() + seconds * 1000).toUTCString()
    : String(seconds);
}

type RatedFault = Exclude<keyof EmulatorFaults, 'tokenLifetimeSeconds'>;

/** Decides, request by request, which faults strike. */
export class FaultDice<E extends string = string> {
  #faults: EmulatorFaults<E> = {};
  readonly #remaining = new Map<RatedFault, number>();
  readonly #random: () => number;

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  /** The faults in force. */
  get faults(): EmulatorFaults<E> {
    return this.#faults;
  }

  /** Replaces the faults in force and restarts their counts. */
  set(faults: EmulatorFaults<E>): void {
    this.#faults = faults;
    this.#remaining.clear();
    for (const [name, fault] of Object.entries(faults)) {
      if (typeof fault === 'object' && fault.count !== undefined) {
        this.#remaining.set(name as RatedFault, fault.count);
      }
    }
  }

  /** The fault's settings when it strikes this request, else undefined. */
  roll<K extends RatedFault>(name: K, endpoint: E): EmulatorFaults<E>[K] | undefined {
    const fault = this.#faults[name];
    if (fault === undefined) return undefined;
    if (fault.endpoints !== undefined && !fault.endpoints.includes(endpoint)) return undefined;
    const left = this.#remaining.get(name) ?? 0;
    if (left > 0) {
      this.#remaining.set(name, left - 1);
      return fault;
    }
    return fault.probability !== undefined && this.#random() < fault.probability
      ? fault
      : undefined;
  }
}
