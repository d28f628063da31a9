import { randomBytes } from 'node:crypto';

/** Processing states of an archived call, as the status API names them. */
export type ArchivedStatus = 'Concluded' | 'Complete';

/** An archived call the emulator received, as the tests check it. */
export interface EmulatorCall {
  /** The Tethr-assigned call id. */
  readonly callId: string;
  readonly sessionId: string;
  /** The `info` document, parsed. */
  readonly info: Readonly<Record<string, unknown>>;
  /** The `data` part's file name, content type, size and SHA-256. */
  readonly fileName: string;
  readonly contentType: string;
  readonly bytes: number;
  readonly sha256: string;
  status: ArchivedStatus;
}

/** The calls the emulator holds, by session id. */
export class CallStore {
  /** Every call stored, in order. */
  readonly calls: EmulatorCall[] = [];
  readonly #bySession = new Map<string, EmulatorCall>();

  /** A new Tethr-style call id, e.g. "bbsnbcbe3". */
  newCallId(): string {
    const letters = 'abcdefghijklmnopqrstuvwxyz0123456789';
    return [...randomBytes(9)].map((b) => letters[b % letters.length]).join('');
  }

  /** Keeps a call; it is being processed (Concluded) until `complete`. */
  add(call: Omit<EmulatorCall, 'status'>): EmulatorCall {
    const stored: EmulatorCall = { ...call, status: 'Concluded' };
    this.calls.push(stored);
    this.#bySession.set(stored.sessionId, stored);
    return stored;
  }

  /** The call with this session id. */
  bySession(sessionId: string): EmulatorCall | undefined {
    return this.#bySession.get(sessionId);
  }

  /** Finishes processing of a call, found by session id or call id; false when there is none. */
  complete(id: string): boolean {
    const call = this.#bySession.get(id) ?? this.calls.find((c) => c.callId === id);
    if (call === undefined) return false;
    call.status = 'Complete';
    return true;
  }
}
