import { InvalidCursorError } from '../store/queue-errors.ts';
import { HttpError } from './http-answers.ts';

/**
 * The answer for a rejection from the CourierApi: its own 4xx `statusCode` when it carries one,
 * 404 for "no recording 7" / "no profile et", 400 for a paging cursor the queue did not hand out,
 * otherwise 500 with its message.
 */
export function apiFailure(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof InvalidCursorError) return new HttpError(400, error.message);
  const message = error instanceof Error ? error.message : String(error);
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return new HttpError(statusCode, message);
  }
  if (/^no (recording|profile|destination)\b/i.test(message)) return new HttpError(404, message);
  return new HttpError(500, message || 'something went wrong inside the service');
}
