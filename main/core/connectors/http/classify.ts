import { http } from '../../node-http.ts';
import {
  AuthError,
  ConfigurationError,
  RejectedError,
  RETRYABLE_STATUS,
  TransientError,
} from '../errors.ts';
import { FileReadError } from './multipart.ts';
import { CERTIFICATE_CODES, certificateFailure } from './tls-failure.ts';

const { STATUS_CODES } = http;

/** What the classifier needs to know about an answer. */
export interface AnsweredRequest {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  /**
   * Whether a streamed (multipart) body had been sent whole when the answer came: only
   * then can a failure leave the platform holding a recording. False for other requests.
   */
  readonly bodySent: boolean;
}

/** Words for messages: who answered, and what was asked of it. */
export interface FailureWords {
  /** The platform, e.g. "Ender Turing". */
  readonly label: string;
  /** What the request was about, e.g. "the recording". */
  readonly subject: string;
}

/** Statuses that say "this request will never be accepted as it is". */
const REJECTED_STATUS = new Set([400, 413, 415, 422]);

/** Statuses after which the platform surely did not keep what was sent. */
const NOT_KEPT_STATUS = new Set([408, 425, 429, 503]);

/** Milliseconds to wait from a Retry-After header: delay-seconds or an HTTP date. */
export function parseRetryAfter(
  value: string | string[] | undefined,
  now: number = Date.now(),
): number | undefined {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (/^\d+$/.test(raw)) return Number(raw) * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The platform's own explanation: JSON `detail` (FastAPI, also its list of validation
 * errors), `message` or `error_description`; else the status text.
 */
export function platformReason(text: string, status: number): string {
  const fallback = STATUS_CODES[status] ?? `HTTP ${status}`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fallback;
  }
  if (typeof body !== 'object' || body === null) return fallback;
  const record = body as Record<string, unknown>;
  const reason =
    describe(record.detail) ?? describe(record.message) ?? describe(record.error_description);
  return reason === undefined ? fallback : clip(reason);
}

function describe(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (!Array.isArray(value)) return undefined;
  const items = value
    .map((item: unknown) => {
      if (typeof item === 'string') return item;
      if (typeof item !== 'object' || item === null) return undefined;
      const { msg, loc } = item as { msg?: unknown; loc?: unknown };
      if (typeof msg !== 'string') return undefined;
      return Array.isArray(loc) ? `${loc.join('.')}: ${msg}` : msg;
    })
    .filter((item): item is string => item !== undefined);
  return items.length === 0 ? undefined : items.join('; ');
}

function clip(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return clean.length > 300 ? `${clean.slice(0, 299)}…` : clean;
}

/** The typed error for an answer that is not a success (2xx). */
export function statusFailure(answer: AnsweredRequest, words: FailureWords): Error {
  const { status } = answer;
  const reason = platformReason(answer.text, status);
  const code = `HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`;
  if (RETRYABLE_STATUS.has(status) || status >= 500) {
    const busy = status === 429 ? 'is asking us to slow down' : 'is not available right now';
    const detail = reason === STATUS_CODES[status] ? '' : `: ${reason}`;
    return new TransientError(`${words.label} ${busy} (${code})${detail}`, {
      retryAfterMs: parseRetryAfter(answer.headers['retry-after']),
      uncertain: answer.bodySent && !NOT_KEPT_STATUS.has(status),
    });
  }
  if (status === 401 || status === 403) {
    return new AuthError(`${words.label} refused the credentials (${code}): ${reason}`);
  }
  if (status >= 300 && status < 400) {
    const location = first(answer.headers.location);
    return new ConfigurationError(
      `${words.label} answered with a redirect${location ? ` to ${location}` : ''} (${code}): check the server address`,
    );
  }
  if (status === 404 || status === 405 || status === 410) {
    return new ConfigurationError(
      `${words.label} does not know this request (${code}): check the server address`,
    );
  }
  if (REJECTED_STATUS.has(status) || (status >= 400 && status < 500)) {
    return new RejectedError(
      `${words.label} refused ${words.subject}: ${reason} (${code})${rejectionHint(status, words)}`,
    );
  }
  return new TransientError(`${words.label} gave an unexpected answer (${code})`, {
    uncertain: answer.bodySent,
  });
}

/** What to do about a refusal, when its status says more than the platform's words. */
function rejectionHint(status: number, words: FailureWords): string {
  if (status === 413) {
    return `: it is larger than ${words.label} (or a proxy in front of it) takes; compress it (MP3 or Ogg/Opus), or have the upload limit raised, then retry it`;
  }
  return '';
}

/**
 * The typed error for a refused sign-in (a token or login request): what would reject a file
 * is a settings problem here, so RejectedError becomes ConfigurationError.
 */
export function signInFailure(answer: AnsweredRequest, words: FailureWords): Error {
  const failure = statusFailure(answer, words);
  return failure instanceof RejectedError ? new ConfigurationError(failure.message) : failure;
}

/** What a failure without an answer means, for one request. */
export interface NetworkFailureContext extends FailureWords {
  readonly bodySent: boolean;
  /** The server's host name, for messages about its name and certificate. */
  readonly host?: string;
  /** Whether the request streamed a (multipart) body, which a stalled connection stops taking. */
  readonly streamed?: boolean;
  readonly signal?: AbortSignal;
}

/** The typed error for a request that got no answer: network trouble, timeout, cancel or an unreadable file. */
export function networkFailure(error: unknown, context: NetworkFailureContext): Error {
  const { label, bodySent } = context;
  const uncertain = bodySent;
  if (error instanceof FileReadError) {
    return error.code === 'ENOENT'
      ? new RejectedError(error.message, { cause: error })
      : new TransientError(error.message, { cause: error });
  }
  if (context.signal?.aborted) {
    return new TransientError(`the request to ${label} was cancelled`, {
      uncertain,
      cause: context.signal.reason,
    });
  }
  const code = errorCode(error);
  if (code !== undefined && CERTIFICATE_CODES.has(code)) {
    return certificateFailure(code, error, {
      label,
      ...(context.host === undefined ? {} : { host: context.host }),
    });
  }
  const after = bodySent ? ' after the request was sent' : '';
  return new TransientError(
    `could not reach ${label}${after}: ${networkReason(code, error, context)}`,
    {
      uncertain,
      cause: error,
    },
  );
}

function networkReason(
  code: string | undefined,
  error: unknown,
  context: NetworkFailureContext,
): string {
  const name = context.host === undefined ? 'the server name' : `the server name ${context.host}`;
  switch (code) {
    case 'ENOTFOUND':
      return `${name} could not be found: check the server address of the profile, and that this computer is online`;
    case 'EAI_AGAIN':
      return `${name} could not be looked up right now (is this computer offline?)`;
    case 'ECONNREFUSED':
      return 'the connection was refused (the server is down, or the address or port is wrong)';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return 'the connection was closed before an answer came';
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return 'timed out while connecting';
    case 'UND_ERR_HEADERS_TIMEOUT':
      return context.bodySent || context.streamed !== true
        ? 'timed out waiting for the answer'
        : 'the connection stalled: the server stopped taking the request and did not answer';
    case 'UND_ERR_BODY_TIMEOUT':
      return 'timed out waiting for the answer';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** The first system or undici error code found on an error or its causes. */
function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = e.cause;
  }
  return undefined;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
