import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Accounts } from './accounts.ts';
import { FaultDice, retryAfterHeader, type EmulatorFaults, type Endpoint } from './faults.ts';
import { delay, drain, sendJson } from './http-answers.ts';
import {
  login,
  metadata,
  route,
  search,
  upload,
  type Answer,
  type EmulatorState,
  type MatchedRoute,
} from './routes.ts';
import {
  SessionStore,
  type EmulatorSession,
  type EmulatorUpload,
  type ListUpdate,
} from './sessions.ts';

export type { EmulatorFaults, FaultRate, Endpoint } from './faults.ts';
export type { EmulatorSession, EmulatorUpload, ListUpdate } from './sessions.ts';

/** The user the emulator knows when it is not told otherwise. */
export const DEFAULT_USER = {
  username: 'uploader@company.com',
  password: 'correct horse battery staple',
} as const;

/** How to start an emulator. */
export interface EnderTuringEmulatorOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: any free port. */
  readonly port?: number;
  /** Username → password; default DEFAULT_USER. */
  readonly users?: Readonly<Record<string, string>>;
  readonly faults?: EmulatorFaults;
  /** Keep the uploaded bytes in this folder; by default they are only counted and hashed. */
  readonly storeDir?: string;
  /**
   * Whether `PUT …/metadata` replaces list fields such as crm_statuses (default: seed 001
   * has clients append the existing values themselves) or merges them with the existing values.
   */
  readonly metadataLists?: ListUpdate;
  /** Source of randomness for fault probabilities. */
  readonly random?: () => number;
}

/** One request the emulator answered, for tests to count. */
export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  /** The status answered, or 'dropped' when the connection was closed without an answer. */
  readonly status: number | 'dropped';
  /** The Retry-After header answered, if any. */
  readonly retryAfter?: string;
}

/** A running Ender Turing emulator. */
export interface EnderTuringEmulator {
  /** Base address, e.g. http://127.0.0.1:43121 (no trailing slash). */
  readonly url: string;
  /** Every recording stored, in order. */
  readonly uploads: readonly EmulatorUpload[];
  /** Every request answered, in order (the last 10,000). */
  readonly requests: readonly RequestLogEntry[];
  /** Successful logins so far. */
  readonly logins: number;
  /** The conversations held, with their metadata. */
  sessions(): readonly EmulatorSession[];
  /** Sets fields of a conversation's metadata as a person would in Ender Turing's own screens. */
  editMetadata(sessionId: string, fields: Readonly<Record<string, unknown>>): void;
  /** Replaces the faults in force. */
  setFaults(faults: EmulatorFaults): void;
  /** Adds a user or changes a password. */
  setUser(username: string, password: string): void;
  /** Removes a user; the user's tokens stop working. */
  removeUser(username: string): void;
  /** Makes every token issued so far stop working (answers 401 from now on). */
  expireTokens(): void;
  close(): Promise<void>;
}

const LOG_LIMIT = 10_000;

/** Starts a real HTTP server on loopback that answers Ender Turing's documented API strictly. */
export async function startEnderTuringEmulator(
  options: EnderTuringEmulatorOptions = {},
): Promise<EnderTuringEmulator> {
  const dice = new FaultDice<Endpoint>(options.random);
  dice.set(options.faults ?? {});
  const state: EmulatorState = {
    accounts: new Accounts(options.users ?? { [DEFAULT_USER.username]: DEFAULT_USER.password }),
    sessions: new SessionStore(),
    dice,
    storeDir: options.storeDir,
    metadataLists: options.metadataLists ?? 'replace',
  };
  const requests: RequestLogEntry[] = [];
  const server = createServer((req, res) => {
    void handle(req, res, state).then(
      ({ status, retryAfter }) => {
        requests.push({
          method: req.method ?? '',
          path: req.url ?? '',
          status,
          ...(retryAfter === undefined ? {} : { retryAfter }),
        });
        if (requests.length > LOG_LIMIT) requests.shift();
      },
      () => res.destroy(),
    );
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    uploads: state.sessions.uploads,
    requests,
    get logins() {
      return state.accounts.logins;
    },
    sessions: () => state.sessions.all(),
    editMetadata: (sessionId, fields) => {
      const session = state.sessions.get(sessionId);
      if (session === undefined) throw new Error(`the emulator has no session ${sessionId}`);
      state.sessions.updateMetadata(session, fields, 'replace');
    },
    setFaults: (faults) => dice.set(faults),
    setUser: (username, password) => state.accounts.setUser(username, password),
    removeUser: (username) => state.accounts.removeUser(username),
    expireTokens: () => state.accounts.expireAll(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Answers one request; resolves to the status sent and its Retry-After. */
async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  state: EmulatorState,
): Promise<Pick<RequestLogEntry, 'status' | 'retryAfter'>> {
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  const matched = route(req.method ?? '', url.pathname);
  let answer: Answer;
  if ('status' in matched) {
    await drain(req);
    answer = {
      status: matched.status,
      body: { detail: matched.status === 404 ? 'Not Found' : 'Method Not Allowed' },
    };
  } else {
    answer =
      (await struck(req, matched.endpoint, state)) ?? (await serve(req, url, matched, state));
    const slow = state.dice.roll('slow', matched.endpoint);
    if (slow !== undefined) await delay(slow.delayMs);
  }
  if ('drop' in answer) {
    req.socket.destroy();
    return { status: 'dropped' };
  }
  sendJson(res, answer.status, answer.body, answer.headers);
  const retryAfter = answer.headers?.['retry-after'];
  return { status: answer.status, ...(retryAfter === undefined ? {} : { retryAfter }) };
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
  const retryAfter = retryAfterHeader(fault);
  const headers = retryAfter === undefined ? undefined : { 'retry-after': retryAfter };
  return unavailable
    ? {
        status: unavailable.status ?? 503,
        body: { detail: 'Service temporarily unavailable' },
        ...(headers ? { headers } : {}),
      }
    : { status: 429, body: { detail: 'Too many requests' }, ...(headers ? { headers } : {}) };
}

function serve(
  req: IncomingMessage,
  url: URL,
  matched: MatchedRoute,
  state: EmulatorState,
): Promise<Answer> {
  switch (matched.endpoint) {
    case 'login':
      return login(req, state);
    case 'upload':
      return upload(req, url, state);
    case 'search':
      return search(req, url, state);
    case 'metadata':
      return metadata(req, matched.sessionId ?? '', state);
  }
}
