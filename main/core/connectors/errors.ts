/**
 * How an upload failed, classified the rclone way: the durable queue decides what
 * happens next from the class alone. An upload is never retried inside the HTTP layer.
 */

/** Worth trying again later: network trouble, timeouts, 5xx, 429. */
export class TransientError extends Error {
  override readonly name = 'TransientError';
  /** How long the platform asked us to wait (Retry-After), in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** True when the request body may have reached the platform (ask before resending). */
  readonly uncertain: boolean;

  constructor(
    message: string,
    options: { retryAfterMs?: number; uncertain?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.retryAfterMs = options.retryAfterMs;
    this.uncertain = options.uncertain ?? false;
  }
}

/** The platform refused the credentials: pause the destination until its settings or secret change. */
export class AuthError extends Error {
  override readonly name = 'AuthError';
}

/** This file will never be accepted as it is: mark it failed with the platform's reason. */
export class RejectedError extends Error {
  override readonly name = 'RejectedError';
}

/**
 * The platform's own settings say this recording is not wanted (Tethr's recording
 * settings for an agent): mark it skipped with this reason, and do not retry.
 */
export class SkipError extends Error {
  override readonly name = 'SkipError';
}

/** A setting or secret the destination needs is missing or wrong: pause it and say which. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** HTTP statuses worth retrying (rclone's retryErrorCodes, plus 408 and 425). */
export const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504, 509]);

/**
 * Whether an error is one of the classes above, which the queue acts on and whose message is
 * written for the user; anything else is a bug to report as it is.
 */
export function isDeliveryError(
  error: unknown,
): error is TransientError | AuthError | RejectedError | SkipError | ConfigurationError {
  return (
    error instanceof TransientError ||
    error instanceof AuthError ||
    error instanceof RejectedError ||
    error instanceof SkipError ||
    error instanceof ConfigurationError
  );
}
