import type { UploadJob } from '../connector.ts';
import { RejectedError, TransientError } from '../errors.ts';
import { networkFailure, platformReason, statusFailure } from '../http/classify.ts';
import type { HttpClient, HttpRequest, HttpResponse } from '../http/http-client.ts';
import type { CachedToken, TokenCache } from '../http/token-cache.ts';
import { sessionsPageSchema, type SessionItem } from './api-types.ts';
import {
  enderTuringMetadata,
  listFields,
  withExistingLists,
  withoutLists,
} from './metadata-document.ts';
import { lookupRequest, metadataRequest } from './requests.ts';

const LABEL = 'Ender Turing';

/** How long to wait for a new conversation to be listed by the search (seed 000: "shortly after upload"). */
const NOT_LISTED_RETRY_MS = 60_000;

/** What the update needs from the session: its connection and its token. */
export interface MetadataChannel {
  readonly http: HttpClient;
  readonly tokens: TokenCache;
}

/**
 * Sends a recording's call details to its conversation (seed 001). List fields such as
 * crm_statuses are joined to the values the conversation already has, read from the
 * sessions search as the seed does, so that none is lost. Sends nothing when there is
 * nothing the file name does not already say.
 */
export async function updateSessionMetadata(
  channel: MetadataChannel,
  job: UploadJob,
  sessionId: string,
  signal: AbortSignal,
): Promise<void> {
  const document = enderTuringMetadata(job.metadata, job.fileName);
  if (Object.keys(document).length === 0) return;
  if (listFields(document).length === 0) {
    await put(channel, metadataRequest(sessionId, document, job.fileName, signal), sessionId);
    return;
  }
  const session = await listedSession(channel, job.fileName, sessionId, signal);
  if (session === undefined) {
    // Send what can be sent without losing anything (this also finds a deleted conversation).
    const scalars = withoutLists(document);
    await put(channel, metadataRequest(sessionId, scalars, job.fileName, signal), sessionId);
    throw new TransientError(
      `${LABEL} does not list the conversation of ${job.fileName} yet, so its lists (${listFields(document).join(', ')}) cannot be added to safely; trying again later`,
      { retryAfterMs: NOT_LISTED_RETRY_MS },
    );
  }
  const joined = withExistingLists(document, session);
  await put(channel, metadataRequest(sessionId, joined, job.fileName, signal), sessionId);
}

/** The conversation as the search by file name lists it, with its metadata; undefined when not listed. */
async function listedSession(
  { http, tokens }: MetadataChannel,
  fileName: string,
  sessionId: string,
  signal: AbortSignal,
): Promise<SessionItem | undefined> {
  const request = lookupRequest(fileName, signal);
  const response = await http.send(request, tokens);
  const page = sessionsPageSchema.safeParse(http.json(response, request));
  if (!page.success) {
    throw new TransientError(
      `${LABEL} answered ${request.subject ?? 'a search'} in an unknown form`,
    );
  }
  return page.data.items.find((item) => item.id === sessionId);
}

/** The PUT; a 404 means the conversation is not there (any more), which retrying will not change. */
async function put(
  channel: MetadataChannel,
  request: HttpRequest,
  sessionId: string,
): Promise<void> {
  const response = await authorized(channel, request);
  if (response.status >= 200 && response.status < 300) return;
  const words = { label: LABEL, subject: request.subject ?? 'the call details' };
  if (response.status === 404) {
    const reason = platformReason(response.text, response.status);
    throw new RejectedError(
      `${LABEL} has no conversation ${sessionId} (${reason}, HTTP 404): it may have been deleted there, so ${words.subject} were not sent`,
    );
  }
  throw statusFailure(response, words);
}

/**
 * Sends with the bearer token and answers whatever status comes back; a refused cached
 * token is renewed and the request repeated once, as HttpClient.send does.
 */
async function authorized(
  { http, tokens }: MetadataChannel,
  request: HttpRequest,
): Promise<HttpResponse> {
  for (let attempt = 1; ; attempt += 1) {
    let cached: CachedToken;
    try {
      cached = await tokens.get(request.signal);
    } catch (error) {
      if (!request.signal?.aborted) throw error;
      throw networkFailure(error, {
        label: LABEL,
        subject: request.subject ?? 'the request',
        bodySent: false,
        signal: request.signal,
      });
    }
    const response = await http.request({
      ...request,
      headers: { ...request.headers, authorization: `Bearer ${cached.token}` },
    });
    const refused = response.status === 401 || response.status === 403;
    if (!refused || cached.fresh || attempt > 1) return response;
    tokens.invalidate(cached.token);
  }
}
