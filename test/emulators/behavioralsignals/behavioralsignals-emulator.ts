import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultDice, type EmulatorFaults } from '../shared/fault-dice.ts';
import { delay, drain, listenOnLoopback, sendJson } from '../shared/http.ts';
import { ProcessStore, type EmulatorProcess } from './process-store.ts';
import {
  auth,
  refusal,
  route,
  status,
  upload,
  type Answer,
  type EmulatorState,
  type Endpoint,
  type MatchedRoute,
} from './routes.ts';

export type { ApiVersion, EmulatorProcess } from './process-store.ts';
export type { Endpoint } from './routes.ts';

/** The project the emulator knows when it is not told otherwise. */
export const DEFAULT_PROJECT = { cid: '10000123', token: 'bs-project-token-5f0c2a' } as const;

/** The message Oliver answers when it cannot queue a job (seed 004). */
export const QUEUE_FULL_MESSAGE =
  'The service is not available at the moment. Please try again later.';

/** How to start an emulator. */
export interface BehavioralSignalsEmulatorOptions {
  /** Project id (cid) → token; default DEFAULT_PROJECT. */
  readonly projects?: Readonly<Record<string, string>>;
  readonly faults?: EmulatorFaults<Endpoint>;
  /** Where the legacy API's answer puts the process id: `pid` (default) or the seed's `id`. */
  readonly legacyIdField?: 'pid' | 'id';
  /** Source of randomness for fault probabilities. */
  readonly random?: () => number;
}

/** One request the emulator answered, for tests to count. */
export interface RequestLogEntry {
  readonly method: string;
  /** Path and query, as received. */
  readonly url: string;
  /** The status answered, or 'dropped' when the connection was closed without an answer. */
  readonly status: number | 'dropped';
}

/** A running Behavioral Signals (Oliver API) emulator. */
export interface BehavioralSignalsEmulator {
  /** The v5 API's base address, e.g. http://127.0.0.1:43121/v5. */
  readonly v5Url: string;
  /** The legacy API's base address (the server root). */
  readonly legacyUrl: string;
  /** Every process, in the order the recordings came. */
  processes(): readonly EmulatorProcess[];
  /** Every request answered, in order. */
  readonly requests: readonly RequestLogEntry[];
  /** Replaces the faults in force. */
  setFaults(faults: EmulatorFaults<Endpoint>): void;
  /** Moves a process to processing (status 1). */
  startProcessing(pid: number | string): void;
  /** Finishes a process (status 2). */
  completeProcessing(pid: number | string): void;
  /** Fails a process: -1 failed, -2 insufficient credits, -3 server error; with its message. */
  failProcessing(pid: number | string, status: -1 | -2 | -3, statusmsg?: string): void;
  close(): Promise<void>;
}

/** Starts a real HTTP server on loopback that answers the Oliver API (v5 and legacy) strictly. */
export async function startBehavioralSignalsEmulator(
  options: BehavioralSignalsEmulatorOptions = {},
): Promise<BehavioralSignalsEmulator> {
  const dice = new FaultDice<Endpoint>(options.random);
  dice.set(options.faults ?? {});
  const state: EmulatorState = {
    projects: new Map(
      Object.entries(options.projects ?? { [DEFAULT_PROJECT.cid]: DEFAULT_PROJECT.token }),
    ),
    processes: new ProcessStore(),
    dice,
    legacyIdField: options.legacyIdField ?? 'pid',
  };
  const requests: RequestLogEntry[] = [];
  const server = await listenOnLoopback(async (req, res) => {
    const answered = await handle(req, res, state);
    requests.push({ method: req.method ?? '', url: req.url ?? '', status: answered });
  });
  return {
    v5Url: `${server.url}/v5`,
    legacyUrl: server.url,
    processes: () => state.processes.all(),
    requests,
    setFaults: (faults) => dice.set(faults),
    startProcessing: (pid) => state.processes.setStatus(pid, 1),
    completeProcessing: (pid) => state.processes.setStatus(pid, 2),
    failProcessing: (pid, code, message) => state.processes.setStatus(pid, code, message),
    close: () => server.close(),
  };
}

/** Answers one request; resolves to the status sent. */
async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  state: EmulatorState,
): Promise<number | 'dropped'> {
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  const matched = route(req.method ?? '', url.pathname);
  let answer: Answer;
  if ('status' in matched) {
    await drain(req);
    answer = refusal(matched.status, matched.status === 404 ? 'Not Found' : 'Method Not Allowed');
  } else {
    answer =
      (await struck(req, matched.endpoint, state)) ?? (await serve(req, url, matched, state));
    const slow = state.dice.roll('slow', matched.endpoint);
    if (slow !== undefined) await delay(slow.delayMs);
  }
  if ('drop' in answer) {
    req.socket.destroy();
    return 'dropped';
  }
  sendJson(res, answer.status, answer.body, answer.headers);
  return answer.status;
}

/** The answer of a fault that strikes before the request is looked at: 503 or 429 `{code, message}`. */
async function struck(
  req: IncomingMessage,
  endpoint: Endpoint,
  state: EmulatorState,
): Promise<Answer | undefined> {
  const unavailable = state.dice.roll('unavailable', endpoint);
  const tooMany = unavailable ? undefined : state.dice.roll('tooManyRequests', endpoint);
  const fault = unavailable ?? tooMany;
  if (fault === undefined) return undefined;
  await drain(req);
  const headers =
    fault.retryAfterSeconds === undefined
      ? undefined
      : { 'retry-after': String(fault.retryAfterSeconds) };
  return unavailable
    ? refusal(unavailable.status ?? 503, QUEUE_FULL_MESSAGE, headers)
    : refusal(429, 'Too many requests', headers);
}

function serve(
  req: IncomingMessage,
  url: URL,
  matched: MatchedRoute,
  state: EmulatorState,
): Promise<Answer> {
  switch (matched.endpoint) {
    case 'auth':
      return auth(req, matched, state);
    case 'upload':
      return upload(req, url, matched, state);
    case 'status':
      return status(req, matched, state);
  }
}
