import { fileExtension } from '../audio-content-type.ts';
import type { UploadJob } from '../connector.ts';
import type { OptionValues } from '../declaration.ts';
import type { HttpRequest } from '../http/http-client.ts';
import { multipartBody, type MultipartOptions } from '../http/multipart.ts';

/** Where Ender Turing hands out access tokens. */
export const LOGIN_PATH = 'api/v1/login/access-token';
/** Where recordings are uploaded for recognition. */
export const UPLOAD_PATH = 'api/v1/recognizer/audio-file';
/** Where conversations are searched. */
export const SESSIONS_PATH = 'api/v1/sessions';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  wav: 'audio/wav',
  rf64: 'audio/wav',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
};

/** The audio content type Ender Turing expects, from the probed container or else the file extension. */
export function audioContentType(job: Pick<UploadJob, 'audio' | 'fileName'>): string {
  const container = job.audio?.container ?? fileExtension(job.fileName);
  return CONTENT_TYPES[container] ?? 'application/octet-stream';
}

/** The file name without its extension: what Ender Turing's search finds a recording by. */
export function searchTerm(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

/** The login request: password grant, form-encoded. */
export function loginRequest(username: string, password: string): HttpRequest {
  return {
    method: 'POST',
    path: LOGIN_PATH,
    body: { kind: 'form', fields: { grant_type: 'password', username, password } },
    subject: 'the login',
  };
}

/** The upload request: the recording as multipart field `file`, under its original name. */
export function uploadRequest(
  job: UploadJob,
  options: OptionValues,
  signal: AbortSignal,
  streaming: MultipartOptions,
): HttpRequest {
  return {
    method: 'POST',
    path: UPLOAD_PATH,
    query: {
      language: String(options.language ?? 'en'),
      detailed_realtime_results: options.detailedRealtimeResults === true,
      advanced_language_identification: options.advancedLanguageIdentification === true,
    },
    body: {
      kind: 'multipart',
      build: () =>
        multipartBody(
          [
            {
              name: 'file',
              path: job.path,
              sizeBytes: job.sizeBytes,
              fileName: job.fileName,
              contentType: audioContentType(job),
            },
          ],
          streaming,
        ),
    },
    signal,
    subject: `the recording ${job.fileName}`,
  };
}

/** The search for a recording by its file name. */
export function lookupRequest(fileName: string, signal: AbortSignal): HttpRequest {
  return {
    method: 'GET',
    path: SESSIONS_PATH,
    query: { filters: `search_query,${searchTerm(fileName)}` },
    signal,
    subject: `the search for ${fileName}`,
  };
}

/** Sets metadata on a session: a JSON object (seed 001). */
export function metadataRequest(
  sessionId: string,
  document: Readonly<Record<string, unknown>>,
  fileName: string,
  signal: AbortSignal,
): HttpRequest {
  return {
    method: 'PUT',
    path: `${SESSIONS_PATH}/${encodeURIComponent(sessionId)}/metadata`,
    body: { kind: 'json', value: document },
    signal,
    subject: `the call details of ${fileName}`,
  };
}
