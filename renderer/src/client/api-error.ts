/** A refusal or failure of the local API, with a message fit to show a person. */
export class ApiError extends Error {
  /** The HTTP status; 0 when the service did not answer at all. */
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** What the window says when the service does not answer. */
export const NOT_ANSWERING =
  'Call Courier is not answering. Check that the service is still running, then try again.';

/** What the window says when the service refuses the page's access token. */
export const TOKEN_REFUSED =
  'Call Courier did not accept this page’s access key. Open the window again from the address the service printed (it ends with #token=…).';

/**
 * The error for an answer that is not OK: the service's own words from `{ "error": "…" }` when it
 * sent them, otherwise a plain sentence for the status.
 */
export function errorForAnswer(status: number, body: unknown): ApiError {
  if (status === 401) return new ApiError(401, TOKEN_REFUSED);
  const said = (body as { error?: unknown } | null)?.error;
  if (typeof said === 'string' && said.trim() !== '') return new ApiError(status, sentence(said));
  return new ApiError(status, fallbackWords(status));
}

/** The words for any failure a call may end in. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message !== '') return sentence(error.message);
  return 'Something went wrong. Try again.';
}

function fallbackWords(status: number): string {
  if (status === 404) return 'That is no longer there. The list may be out of date: reload it.';
  if (status === 409) return 'That cannot be done right now.';
  if (status >= 500) return 'Call Courier ran into a problem. Its log says more.';
  return `Call Courier refused the request (${status}).`;
}

/** The service writes lower-case clauses ("no recording 7"); the window shows sentences. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}
