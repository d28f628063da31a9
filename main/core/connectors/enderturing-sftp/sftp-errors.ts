import { AuthError, ConfigurationError, TransientError } from '../errors.ts';

/** SFTP status codes (draft-ietf-secsh-filexfer-02), as ssh2 puts them on `error.code`. */
export const SFTP_STATUS = {
  noSuchFile: 2,
  permissionDenied: 3,
  failure: 4,
  opUnsupported: 8,
} as const;

/** Who is being talked to, for messages. */
export interface SftpWords {
  /** The platform, e.g. "Ender Turing SFTP". */
  readonly label: string;
  /** `host:port`. */
  readonly address: string;
}

/** The SFTP status code of a failed request, or undefined when the failure was not an SFTP answer. */
export function sftpStatus(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** Network error codes that say the server could not be reached, and how to say it. */
const NETWORK_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the server name could not be looked up (offline, or a wrong host?)',
  EAI_AGAIN: 'the server name could not be looked up (offline, or a wrong host?)',
  ETIMEDOUT: 'timed out while connecting',
  EHOSTUNREACH: 'the server cannot be reached from this network',
  ENETUNREACH: 'this computer is not connected to a network',
  ECONNRESET: 'the connection was closed by the server',
  EPIPE: 'the connection was closed by the server',
};

/** The typed error for a failed connection or login: unreachable, refused login, unusable key. */
export function connectionFailure(
  error: unknown,
  words: SftpWords,
  profileId: string,
  signal?: AbortSignal,
): Error {
  const { label, address } = words;
  if (signal?.aborted) {
    return new TransientError(`the connection to ${label} was cancelled`, { cause: signal.reason });
  }
  const level = (error as { level?: unknown } | undefined)?.level;
  const message = error instanceof Error ? error.message : String(error);
  if (level === 'client-authentication') {
    return new AuthError(`${label} refused the username, password or key`, { cause: error });
  }
  if (/private key|privateKey|passphrase/i.test(message)) {
    return new ConfigurationError(
      `the private key stored for profile ${profileId} cannot be used (${message}): store an unencrypted OpenSSH key with \`call-courier secret set ${profileId} privateKey\``,
      { cause: error },
    );
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  const reason = typeof code === 'string' ? NETWORK_REASONS[code] : undefined;
  if (reason !== undefined) {
    return new TransientError(`could not reach ${label} at ${address}: ${reason}`, {
      cause: error,
    });
  }
  if (level === 'client-timeout') {
    return new TransientError(`${label} at ${address} did not finish the login in time`, {
      cause: error,
    });
  }
  if (level === 'handshake') {
    return new ConfigurationError(
      `could not agree on a secure connection with ${label} at ${address}: ${message}`,
      { cause: error },
    );
  }
  return new TransientError(`the connection to ${label} at ${address} failed: ${message}`, {
    cause: error,
  });
}

/** What a file request was doing, for messages. */
export interface SftpAction extends SftpWords {
  /** E.g. "write into /upload". */
  readonly doing: string;
  /** True when the platform may already hold the recording under its final name. */
  readonly uncertain?: boolean;
  /** The remote folder, for advice on missing or forbidden folders. */
  readonly remoteDir: string;
}

/** The typed error for a failed SFTP request (open, write, stat, rename). */
export function fileFailure(error: unknown, action: SftpAction): Error {
  const { label, doing, remoteDir } = action;
  const uncertain = action.uncertain ?? false;
  const message = error instanceof Error ? error.message : String(error);
  switch (sftpStatus(error)) {
    case SFTP_STATUS.noSuchFile:
      return new ConfigurationError(
        `${label} has no folder ${remoteDir} (while trying to ${doing}): check the profile's remote folder`,
        { cause: error },
      );
    case SFTP_STATUS.permissionDenied:
      return new ConfigurationError(
        `${label} does not allow this user to ${doing}: check the profile's remote folder, or ask Ender Turing support for write access`,
        { cause: error },
      );
    case SFTP_STATUS.opUnsupported:
      return new ConfigurationError(`${label} cannot ${doing}: the server does not support it`, {
        cause: error,
      });
    default:
      return new TransientError(`${label} could not ${doing}: ${message}`, {
        uncertain,
        cause: error,
      });
  }
}
