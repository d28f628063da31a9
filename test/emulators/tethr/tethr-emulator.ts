import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultDice, type EmulatorFaults } from '../shared/fault-dice.ts';
import { delay, drain, listenOnLoopback } from '../shared/http.ts';
import { ApiClients } from './api-clients.ts';
import {
  message,
  write,
  type Answer,
  type EmulatorState,
  type Endpoint,
  type ReceivedHeartbeat,
  type RecordingSettingEntry,
} from './answers.ts';
import { CallStore, type EmulatorCall } from './calls.ts';
import { route, serve } from './routes.ts';

export type { Endpoint, ReceivedHeartbeat, RecordingSettingEntry } from './answers.ts';
export type { EmulatorCall } from './calls.ts';

/** The API user the emulator knows when it is not told otherwise. */
export const DEFAULT_CLIENT = {
  clientId: 'callcourier-api',
  clientSecret: 'tethr secret 2024',
} as const;

/** How to start an emulator. */
export interface TethrEmulatorOptions {
  /** Client id → secret; default DEFAULT_CLIENT. */
  readonly clients?: Readonly<Record<string, string>>;
  readonly faults?: EmulatorFaults<Endpoint>;
  /** The token lifetime announced and enforced, in seconds; Tethr's is 1799. */
  readonly expiresIn?: number;
  readonly recordingSettings?: readonly RecordingSettingEntry[];
  /** False makes heartbeats answer 404, as a Tethr environment without them does. */
  readonly heartbeatsSupported?: boolean;
  /** Source of randomness for fault probabilities. */
  readonly random?: () => number;
}

/** One request the emulator answered, for tests to count. */
export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  /** The status answered, or 'dropped' when the connection was closed without an answer. */
  readonly status: number | 'dropped';
}

/** A running Tethr emulator. */
export interface TethrEmulator {
  /** Base address, e.g. http://127.0.0.1:43121 (no trailing slash). */
  readonly url: string;
  /** Every call stored, in order. */
  readonly calls: readonly EmulatorCall[];
  /** Every heartbeat taken, in order. */
  readonly heartbeats: readonly ReceivedHeartbeat[];
  /** Every request answered, in order. */
  readonly requests: readonly RequestLogEntry[];
  /** Tokens issued so far. */
  readonly tokensIssued: number;
  /** Replaces the faults in force. */
  setFaults(faults: EmulatorFaults<Endpoint>): void;
  /** Makes every token issued so far stop working (401 from now on). */
  expireTokens(): void;
  /** Gives an API user a new secret: the old one is refused from now on. */
  setSecret(clientId: string, secret: string): void;
  setRecordingSettings(settings: readonly RecordingSettingEntry[]): void;
  /** Whether heartbeats are taken (204) or not supported here (404). */
  setHeartbeatsSupported(supported: boolean): void;
  /** Finishes processing of a call (by session id or call id): its status becomes Complete. */
  completeProcessing(id: string): void;
  close(): Promise<void>;
}

/** Starts a real HTTP server on loopback that answers Tethr's documented API strictly (seed 002). */
export async function startTethrEmulator(
  options: TethrEmulatorOptions = {},
): Promise<TethrEmulator> {
  const dice = new FaultDice<Endpoint>(options.random);
  dice.set(options.faults ?? {});
  const clients = new ApiClients(
    options.clients ?? { [DEFAULT_CLIENT.clientId]: DEFAULT_CLIENT.clientSecret },
  );
  const expiresIn = options.expiresIn ?? 1799;
  const state: EmulatorState = {
    clients,
    calls: new CallStore(),
    dice,
    heartbeats: [],
    expiresIn,
    recordingSettings: options.recordingSettings ?? [],
    heartbeatsSupported: options.heartbeatsSupported ?? true,
    authorize: (req) => {
      const bearer = /^bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const lifetime = dice.faults.tokenLifetimeSeconds ?? expiresIn;
      if (bearer !== undefined && clients.accepts(bearer, Date.now(), lifetime)) return null;
      const denied = message(401, 'Authorization has been denied for this request.');
      return { ...denied, headers: { 'www-authenticate': 'Bearer' } };
    },
  };
  const requests: RequestLogEntry[] = [];
  const server = await listenOnLoopback(async (req, res) => {
    const status = await handle(req, res, state);
    requests.push({ method: req.method ?? '', path: req.url ?? '', status });
  });
  return {
    url: server.url,
    calls: state.calls.calls,
    heartbeats: state.heartbeats,
    requests,
    get tokensIssued() {
      return clients.issued;
    },
    setFaults: (faults) => dice.set(faults),
    expireTokens: () => clients.expireAll(),
    setSecret: (clientId, secret) => clients.setSecret(clientId, secret),
    setRecordingSettings: (settings) => {
      state.recordingSettings = settings;
    },
    setHeartbeatsSupported: (supported) => {
      state.heartbeatsSupported = supported;
    },
    completeProcessing: (id) => {
      if (!state.calls.complete(id)) throw new Error(`the emulator holds no call ${id}`);
    },
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
    answer = message(matched.status, matched.status === 404 ? 'Not Found' : 'Method Not Allowed');
  } else {
    answer =
      (await struck(req, matched.endpoint, state)) ?? (await serve(req, matched.endpoint, state));
    const slow = state.dice.roll('slow', matched.endpoint);
    if (slow !== undefined) await delay(slow.delayMs);
  }
  if ('drop' in answer) {
    req.socket.destroy();
    return 'dropped';
  }
  write(res, answer);
  return answer.status;
}

/** The answer of a fault that strikes before the request is looked at, if one does. */
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
  const headers: Record<string, string> =
    fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
  const answer = unavailable
    ? message(unavailable.status ?? 503, 'The service is unavailable.')
    : message(429, 'Too many requests.');
  return { ...answer, headers };
}
