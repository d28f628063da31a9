import { http } from '../../node-http.ts';
import type { UploadReceipt } from '../connector.ts';
import { ConfigurationError } from '../errors.ts';
import { statusFailure, type FailureWords } from '../http/classify.ts';
import type { HttpResponse } from '../http/http-client.ts';
import { describeAnswer, findId } from './id-path.ts';
import type { UploadSettings } from './upload-settings.ts';

const { STATUS_CODES } = http;

/**
 * What the platform's answer to an upload means. An accepted status is a delivery: its
 * receipt carries the id at responseIdPath, or else the Location header (or nothing).
 * A 2xx outside the accepted statuses, or an accepted answer without the id responseIdPath
 * promised, is a ConfigurationError: the profile does not describe the platform, and
 * resending would only repeat the doubt. Other statuses are classified as usual.
 */
export function uploadReceipt(
  response: HttpResponse,
  settings: Pick<UploadSettings, 'acceptedStatuses' | 'responseIdPath'>,
  words: FailureWords,
  requestUrl: URL,
): UploadReceipt {
  const { status } = response;
  const code = `HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`;
  const accepted = settings.acceptedStatuses
    ? settings.acceptedStatuses.has(status)
    : status >= 200 && status < 300;
  if (!accepted && status >= 200 && status < 300) {
    const list = [...(settings.acceptedStatuses ?? [])].join(', ');
    throw new ConfigurationError(
      `${words.label} answered ${code} to ${words.subject}, which is not one of the accepted statuses (${list}): ` +
        `if it means the recording was taken, add ${status} to acceptedStatuses. It will be sent again once the destination resumes`,
    );
  }
  if (!accepted) throw statusFailure(response, words);
  const location = locationOf(response, requestUrl);
  const url = location === undefined ? {} : { url: location };
  const path = settings.responseIdPath;
  if (path === undefined) return { remoteId: location ?? '', ...url };
  let answer: unknown;
  try {
    answer = JSON.parse(response.text);
  } catch {
    throw missingId(words, code, path.text, 'is not JSON');
  }
  const id = findId(answer, path.steps);
  if (id === undefined) throw missingId(words, code, path.text, `is ${describeAnswer(answer)}`);
  return { remoteId: id, ...url };
}

function missingId(words: FailureWords, code: string, path: string, what: string): Error {
  return new ConfigurationError(
    `${words.label} took ${words.subject} (${code}), but its answer has no id at "${path}" (the answer ${what}): ` +
      'correct responseIdPath, or leave it out. The recording will be sent again once the destination resumes',
  );
}

/** The answer's Location header as an absolute http(s) address, if it has one. */
function locationOf(response: HttpResponse, requestUrl: URL): string | undefined {
  const raw = response.headers.location;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value.trim() === '') return undefined;
  try {
    const url = new URL(value.trim(), requestUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
