import type { CallMetadata } from './call-metadata.ts';
import { timeZoneError } from './zoned-time.ts';

/** How to read the times in a name. */
export interface NameParseOptions {
  /** IANA time zone the recorder writes wall-clock times in; 'UTC' when left out. */
  readonly timeZone?: string;
}

/** What a name parser found: the metadata, or a plain sentence saying why the name does not fit. */
export type NameParseResult =
  | { readonly ok: true; readonly metadata: CallMetadata }
  | { readonly ok: false; readonly reason: string };

/** Reads call metadata from a file's base name (with its extension). */
export type NameParser = (baseName: string, options?: NameParseOptions) => NameParseResult;

/** A successful parse. */
export function parsed(metadata: CallMetadata): NameParseResult {
  return { ok: true, metadata };
}

/** A failed parse, with the reason as a plain sentence. */
export function notParsed(reason: string): NameParseResult {
  return { ok: false, reason };
}

/**
 * Thrown inside a parser to stop at the first part that does not fit. Caught by readingName,
 * never seen: it takes no stack trace (several presets are tried against every recording,
 * and capturing one was most of what a mismatch cost).
 */
class NameMismatch extends Error {
  constructor(reason: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(reason);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }
}

/** Stops the parse run by `readingName` with a plain-sentence reason. */
export function mismatch(reason: string): never {
  throw new NameMismatch(reason);
}

/** Runs a parse that calls `mismatch` when the name does not fit, and returns its result. */
export function readingName(read: () => CallMetadata): NameParseResult {
  try {
    return parsed(read());
  } catch (error) {
    if (error instanceof NameMismatch) return notParsed(error.message);
    throw error;
  }
}

/** Like `readingName`, for a name whose times are in `options.timeZone` (UTC by default), checked first. */
export function readingZonedName(
  options: NameParseOptions,
  read: (timeZone: string) => CallMetadata,
): NameParseResult {
  const timeZone = options.timeZone ?? 'UTC';
  return readingName(() => {
    const badZone = timeZoneError(timeZone);
    if (badZone) mismatch(badZone);
    return read(timeZone);
  });
}
