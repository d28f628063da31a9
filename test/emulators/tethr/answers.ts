import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultDice } from '../shared/fault-dice.ts';
import type { ApiClients } from './api-clients.ts';
import type { CallStore } from './calls.ts';

/** The emulated Tethr endpoints a fault can be aimed at. */
export type Endpoint = 'token' | 'archive' | 'status' | 'recordingSettings' | 'monitor';

/** A heartbeat as the emulator received it. */
export interface ReceivedHeartbeat {
  readonly Status: number;
  readonly TimeStamp: string;
  readonly Name: string;
}

/** One entry of Tethr's recording settings. */
export interface RecordingSettingEntry {
  readonly refType: string;
  readonly source: string;
  readonly lookupId: string;
  readonly recordingSetting: 'None' | 'Disabled';
}

/** An HTTP answer: a status with a JSON body, or none (204). */
export interface StatusAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What the emulator answers: a status, or a connection closed without a word. */
export type Answer = StatusAnswer | { readonly drop: true };

/** What the route handlers share. */
export interface EmulatorState {
  readonly clients: ApiClients;
  readonly calls: CallStore;
  readonly dice: FaultDice<Endpoint>;
  readonly heartbeats: ReceivedHeartbeat[];
  /** Seconds a token is announced to live (expires_in). */
  readonly expiresIn: number;
  recordingSettings: readonly RecordingSettingEntry[];
  heartbeatsSupported: boolean;
  /** Null when the request carries a live bearer token, else the 401 answer. */
  authorize(req: IncomingMessage): Answer | null;
}

/** An error the way ASP.NET Web API answers it: `{ Message }`. */
export function message(status: number, text: string): StatusAnswer {
  return { status, body: { Message: text } };
}

/** Writes an answer: JSON when it has a body, else headers only (204). */
export function write(res: ServerResponse, answer: StatusAnswer): void {
  if (answer.body === undefined) {
    res.writeHead(answer.status, { 'cache-control': 'no-cache', ...answer.headers });
    res.end();
    return;
  }
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...answer.headers,
  });
  res.end(text);
}
