/** Why a recording cannot be delivered as it is, in words a supervisor understands. */
export interface Problem {
  /** Machine-readable kind, stable across releases (see PROBLEM_CODES). */
  readonly code: ProblemCode;
  /** What is wrong and what to do, in plain words. */
  readonly message: string;
  /** The profile id this problem concerns; absent when it concerns every destination. */
  readonly destination?: string;
}

export const PROBLEM_CODES = [
  'unreadable', // the file cannot be opened or read
  'empty', // zero bytes
  'not-audio', // no known audio container
  'corrupt', // a known container whose header is damaged or truncated
  'incomplete', // header declares more audio than the file holds (still being written, or cut off)
  'extension-mismatch', // the extension names another format than the content
  'unsupported-format', // container/codec the destination does not accept
  'mono', // destination needs agent and client on separate channels
  'too-large', // over the destination's size limit
  'name', // the destination will not read the call details from the name
  'sidecar', // the sidecar JSON next to the recording is invalid
  'metadata', // the call details could not be read from the name
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/**
 * Problems that stop a recording from being sent: the file itself is unusable, or the
 * destination would refuse it. Others (a name the platform will not read, a mismatched
 * extension, a bad sidecar) are reported but do not hold the recording back.
 */
export const BLOCKING_PROBLEM_CODES: ReadonlySet<ProblemCode> = new Set([
  'unreadable',
  'empty',
  'not-audio',
  'corrupt',
  'incomplete',
  'unsupported-format',
  'mono',
  'too-large',
]);

/** Whether a problem stops delivery. */
export function isBlocking(problem: Problem): boolean {
  return BLOCKING_PROBLEM_CODES.has(problem.code);
}

/** Whether a stored error code names a problem of the file that stops delivery. */
export function isBlockingCode(code: string | null): boolean {
  return code !== null && BLOCKING_PROBLEM_CODES.has(code as ProblemCode);
}
