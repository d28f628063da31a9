import type { IncomingMessage, ServerResponse } from 'node:http';
import { delay, drain, listenOnLoopback } from '../shared/http.ts';
import { send, type Answer } from './answers.ts';
import { Clients } from './clients.ts';
import { FaultDice, type EmulatorFaults, type Endpoint } from './faults.ts';
import { token } from './token-route.ts';
import { upload, type AuthenticxUpload, type UploadState } from './upload-route.ts';

export type { EmulatorFaults, Endpoint, FaultRate } from './faults.ts';
export type { AuthenticxUpload } from './upload-route.ts';
export type { ReceivedMetadata } from './metadata-schema.ts';

/** The OAuth client the emulator knows when it is not told otherwise. */
export const DEFAULT_CLIENT = {
  clientId: 'call-courier-office',
  clientSecret: 'correct horse battery staple',
} as const;

/** How to start an emulator. */
export interface AuthenticxEmulatorOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Client id → secret; default DEFAULT_CLIENT. */
  readonly clients?: Readonly<Record<string, string>>;
  /**
   * A path the API is served under (e.g. "/acx"), to emulate a gateway: Media/Upload then
   * answers at /acx/Media/Upload while /connect/token stays at the root of the host.
   */
  readonly apiPrefix?: string;
  readonly faults?: EmulatorFaults;
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

/** A running Authenticx emulator. */
export interface AuthenticxEmulator {
  /** Base address of the API, e.g. http://127.0.0.1:43121 (with the apiPrefix, no trailing slash). */
  readonly url: string;
  /** Every interaction stored, in order. */
  readonly uploads: readonly AuthenticxUpload[];
  /** Every request answered, in order. */
  readonly requests: readonly RequestLogEntry[];
  /** Tokens issued so far. */
  readonly tokensIssued: number;
  /** Replaces the faults in force. */
  setFaults(faults: EmulatorFaults): void;
  /** Adds a client or changes its secret. */
  setClient(clientId: string, secret: string): void;
  /** Makes every token issued so far stop working (401 from now on). */
  expireTokens(): void;
  close(): Promise<void>;
}

/** Starts a real HTTP server on loopback that answers Authenticx's documented API strictly. */
export async function startAuthenticxEmulator(
  options: AuthenticxEmulatorOptions = {},
): Promise<AuthenticxEmulator> {
  const dice = new FaultDice<Endpoint>(options.random);
  dice.set(options.faults ?? {});
  const clients = new Clients(
    options.clients ?? { [DEFAULT_CLIENT.clientId]: DEFAULT_CLIENT.clientSecret },
  );
  const state: UploadState = { clients, dice, uploads: [] };
  const prefix = (options.apiPrefix ?? '').replace(/\/+$/, '');
  const requests: RequestLogEntry[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://emulator.invalid').pathname;
    const answer = await answerFor(req, path);
    if ('drop' in answer) {
      req.socket.destroy();
      requests.push({ method: req.method ?? '', path, status: 'dropped' });
      return;
    }
    send(res, answer);
    requests.push({ method: req.method ?? '', path, status: answer.status });
  }

  async function answerFor(req: IncomingMessage, path: string): Promise<Answer> {
    const endpoint: Endpoint | undefined =
      path === '/connect/token'
        ? 'token'
        : path === `${prefix}/Media/Upload`
          ? 'upload'
          : undefined;
    if (endpoint === undefined) {
      await drain(req);
      return { status: 404 };
    }
    if (req.method !== 'POST') {
      await drain(req);
      return { status: 405, headers: { allow: 'POST' } };
    }
    const answer =
      (await struck(req, endpoint)) ??
      (endpoint === 'token' ? await token(req, clients, dice) : await upload(req, state));
    const slow = dice.roll('slow', endpoint);
    if (slow !== undefined) await delay(slow.delayMs);
    return answer;
  }

  /** The answer of a fault that strikes before the request is looked at, if one does. */
  async function struck(req: IncomingMessage, endpoint: Endpoint): Promise<Answer | undefined> {
    const unavailable = dice.roll('unavailable', endpoint);
    const tooMany = unavailable ? undefined : dice.roll('tooManyRequests', endpoint);
    const fault = unavailable ?? tooMany;
    if (fault === undefined) return undefined;
    await drain(req);
    const headers: Record<string, string> =
      fault.retryAfterSeconds === undefined
        ? {}
        : { 'retry-after': String(fault.retryAfterSeconds) };
    return unavailable
      ? { status: unavailable.status ?? 503, text: 'Service Unavailable', headers }
      : { status: 429, text: 'Too many requests', headers };
  }

  const server = await listenOnLoopback(handle, options.host ? { host: options.host } : {});
  return {
    url: `${server.url}${prefix}`,
    uploads: state.uploads,
    requests,
    get tokensIssued() {
      return clients.issued;
    },
    setFaults: (faults) => dice.set(faults),
    setClient: (clientId, secret) => clients.set(clientId, secret),
    expireTokens: () => clients.expireAll(),
    close: () => server.close(),
  };
}
