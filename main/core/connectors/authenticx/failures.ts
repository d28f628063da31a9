import { http } from '../../node-http.ts';
import type { AnsweredRequest, FailureWords } from '../http/classify.ts';
import { platformReason, statusFailure } from '../http/classify.ts';
import { jsonOrUndefined } from '../http/json-text.ts';
import { AuthError, ConfigurationError } from '../errors.ts';

const { STATUS_CODES } = http;

/** The platform, in messages. */
export const LABEL = 'Authenticx';

/** OAuth errors with which the token endpoint refuses the client id, secret or its rights. */
const REFUSED_CLIENT = new Set(['invalid_client', 'unauthorized_client', 'invalid_scope']);

/**
 * Authenticx's own explanation of a refusal. Its error answers are not documented: read a
 * plain-text message, a JSON string, ASP.NET's validation problem (`errors`, then `title`),
 * `detail`, `message` or OAuth's `error_description`/`error`; else the status text.
 */
export function authenticxReason(text: string, status: number): string {
  const trimmed = text.trim();
  let body: unknown;
  try {
    body = JSON.parse(trimmed);
  } catch {
    return looksLikeMessage(trimmed) ? clip(trimmed) : (STATUS_CODES[status] ?? `HTTP ${status}`);
  }
  if (typeof body === 'string' && body.trim() !== '') return clip(body.trim());
  if (typeof body !== 'object' || body === null) return platformReason(trimmed, status);
  const record = body as Record<string, unknown>;
  return clip(
    validationErrors(record.errors) ??
      textOf(record.detail) ??
      textOf(record.message) ??
      textOf(record.error_description) ??
      textOf(record.title) ??
      textOf(record.error) ??
      platformReason(trimmed, status),
  );
}

/** The typed error for a refused request, with Authenticx's reason. */
export function authenticxFailure(answer: AnsweredRequest, words: FailureWords): Error {
  const reason = authenticxReason(answer.text, answer.status);
  return statusFailure({ ...answer, text: JSON.stringify({ detail: reason }) }, words);
}

/** The typed error for a refused token request: refused credentials pause the destination. */
export function tokenFailure(answer: AnsweredRequest): Error {
  const oauthError = oauthErrorCode(answer.text);
  const reason = authenticxReason(answer.text, answer.status);
  if (
    answer.status === 401 ||
    answer.status === 403 ||
    (oauthError !== undefined && REFUSED_CLIENT.has(oauthError))
  ) {
    return new AuthError(`${LABEL} refused the client id or secret (${reason})`);
  }
  if (
    answer.status >= 400 &&
    answer.status < 500 &&
    answer.status !== 408 &&
    answer.status !== 429
  ) {
    return new ConfigurationError(
      `${LABEL} refused the sign-in: ${reason} (HTTP ${answer.status})`,
    );
  }
  return authenticxFailure(answer, { label: LABEL, subject: 'the sign-in' });
}

/** Whether Authenticx refused an upload because it already has an interaction of that file name. */
export function isDuplicateName(answer: AnsweredRequest): boolean {
  return (
    (answer.status === 400 || answer.status === 409) &&
    /already exists/i.test(authenticxReason(answer.text, answer.status))
  );
}

function oauthErrorCode(text: string): string | undefined {
  const error = (jsonOrUndefined(text) as { error?: unknown } | null | undefined)?.error;
  return typeof error === 'string' ? error : undefined;
}

/** "FileName: must match; LocaleId: not supported" from ASP.NET's `errors` dictionary. */
function validationErrors(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const items = Object.entries(value as Record<string, unknown>).flatMap(([field, messages]) =>
    (Array.isArray(messages) ? messages : [messages])
      .filter((m): m is string => typeof m === 'string' && m.trim() !== '')
      .map((m) => (field === '' ? m.trim() : `${field}: ${m.trim()}`)),
  );
  return items.length === 0 ? undefined : items.join('; ');
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A short plain-text body reads as a message; an HTML error page does not. */
function looksLikeMessage(text: string): boolean {
  return text !== '' && !text.startsWith('<');
}

function clip(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return clean.length > 300 ? `${clean.slice(0, 299)}…` : clean;
}
