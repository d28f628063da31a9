import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultDice, type EmulatorFaults } from '../shared/fault-dice.ts';
import { delay, drain, listenOnLoopback, sendJson } from '../shared/http.ts';
import {
  defaultAnswer,
  type Endpoint,
  type ReceiverAnswer,
  type ReceiverOptions,
  type StoredRecording,
} from './receiver-options.ts';
import { IssuedTokens, issueToken } from './token-endpoint.ts';
import { checkAuth, checkMethod, checkRequest, receiveUpload } from './upload-endpoint.ts';

export type {
  Endpoint,
  ReceiverAnswer,
  ReceiverAuth,
  ReceiverOptions,
  StoredRecording,
} from './receiver-options.ts';

/** One request the receiver answered. */
export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  /** The status answered, or 'dropped' when the connection was closed without one. */
  readonly status: number | 'dropped';
  /** The reason given with a refusal. */
  readonly message?: string;
}

/** A running strict receiver. */
export interface HttpUploadEmulator {
  /** Base address, e.g. http://127.0.0.1:43121 (no trailing slash). */
  readonly url: string;
  /** Where tokens are issued, as a full address. */
  readonly tokenUrl: string;
  /** Every recording taken, in order. */
  readonly stored: readonly StoredRecording[];
  /** Every request answered, in order. */
  readonly requests: readonly LoggedRequest[];
  /** Tokens issued so far. */
  readonly tokensIssued: number;
  /** Replaces the faults in force. */
  setFaults(faults: EmulatorFaults<Endpoint>): void;
  /** Makes every token issued so far stop working. */
  expireTokens(): void;
  close(): Promise<void>;
}

/**
 * Starts a receiver on loopback that takes exactly the upload it is set up for (method, path,
 * query, credentials, headers, file field, fields) and refuses anything else the way a strict
 * platform would, with a JSON `{ message }` and the fitting status.
 */
export async function startHttpUploadEmulator(
  options: ReceiverOptions = {},
): Promise<HttpUploadEmulator> {
  const dice = new FaultDice<Endpoint>(options.random);
  dice.set(options.faults ?? {});
  const tokens = new IssuedTokens();
  const stored: StoredRecording[] = [];
  const requests: LoggedRequest[] = [];
  const uploadPath = options.path ?? '/v1/recordings';
  const tokenPath = options.tokenPath ?? '/oauth/token';

  async function answer(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): Promise<ReceiverAnswer | 'dropped'> {
    const path = decodeURIComponent(url.pathname);
    const auth = options.auth;
    if (auth?.kind === 'oauth2' && path === tokenPath) {
      const fault = await strike(dice, 'token', req);
      return fault ?? issueToken(req, auth, tokens, dice);
    }
    if (path !== uploadPath) {
      await drain(req);
      return { status: 404, body: { message: 'Not Found' } };
    }
    const refused =
      checkMethod(req, options) ??
      checkAuth(req, options, tokens) ??
      checkRequest(req, url, options);
    if (refused && !refused.ok) {
      await drain(req);
      return refused.answer;
    }
    const fault = await strike(dice, 'upload', req);
    if (fault) return fault;
    const outcome = await receiveUpload(req, url, options);
    if (!outcome.ok) return outcome.answer;
    const rejection = dice.roll('reject', 'upload');
    if (rejection) return { status: rejection.status, body: { message: rejection.detail } };
    stored.push(outcome.stored);
    if (dice.roll('dropAfterStore', 'upload')) {
      res.destroy();
      return 'dropped';
    }
    return (options.answer ?? defaultAnswer)(outcome.stored);
  }

  const server = await listenOnLoopback(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://receiver');
    const result = await answer(req, res, url);
    const entry = { method: req.method ?? '', path: url.pathname };
    if (result === 'dropped') {
      requests.push({ ...entry, status: 'dropped' });
      return;
    }
    const message = (result.body as { message?: unknown } | undefined)?.message;
    requests.push({
      ...entry,
      status: result.status,
      ...(result.status >= 400 && typeof message === 'string' ? { message } : {}),
    });
    if (result.body === undefined) {
      res.writeHead(result.status, result.headers ?? {});
      res.end();
    } else sendJson(res, result.status, result.body, result.headers);
  });

  return {
    url: server.url,
    tokenUrl: `${server.url}${tokenPath}`,
    stored,
    requests,
    get tokensIssued() {
      return tokens.count;
    },
    setFaults: (faults) => dice.set(faults),
    expireTokens: () => tokens.expireAll(),
    close: () => server.close(),
  };
}

/** The answer of a fault that strikes before the request is read, if one does. */
async function strike(
  dice: FaultDice<Endpoint>,
  endpoint: Endpoint,
  req: IncomingMessage,
): Promise<ReceiverAnswer | undefined> {
  const slow = dice.roll('slow', endpoint);
  if (slow) await delay(slow.delayMs);
  const unavailable = dice.roll('unavailable', endpoint);
  if (unavailable) {
    await drain(req);
    return {
      status: unavailable.status ?? 503,
      body: { message: 'The service is temporarily unavailable' },
      headers: { 'retry-after': String(unavailable.retryAfterSeconds ?? 1) },
    };
  }
  const busy = dice.roll('tooManyRequests', endpoint);
  if (busy) {
    await drain(req);
    return {
      status: 429,
      body: { message: 'Too many requests' },
      headers: { 'retry-after': String(busy.retryAfterSeconds ?? 1) },
    };
  }
  return undefined;
}
