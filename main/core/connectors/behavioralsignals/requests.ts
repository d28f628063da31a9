import { audioContentType } from '../audio-content-type.ts';
import type { UploadJob } from '../connector.ts';
import type { HttpRequest } from '../http/http-client.ts';
import { multipartBody, type MultipartOptions, type MultipartPart } from '../http/multipart.ts';
import { legacyQuery } from './legacy-query.ts';

/** Which form of the Oliver API a profile talks to. */
export type ApiVersion = 'v5' | 'legacy';

/** Who is asking: the project (cid) and its token. */
export interface Credentials {
  readonly projectId: string;
  readonly token: string;
}

/** Where audio is submitted: v5 `clients/{cid}/processes/audio`, legacy `client/{cid}/process/audio`. */
export function uploadPath(version: ApiVersion, projectId: string): string {
  const cid = encodeURIComponent(projectId);
  return version === 'v5' ? `clients/${cid}/processes/audio` : `client/${cid}/process/audio`;
}

/** Where a process is read: v5 `clients/{cid}/processes/{pid}`, legacy `client/{cid}/process/{pid}`. */
export function processPath(version: ApiVersion, projectId: string, pid: string): string {
  const cid = encodeURIComponent(projectId);
  const id = encodeURIComponent(pid);
  return version === 'v5' ? `clients/${cid}/processes/${id}` : `client/${cid}/process/${id}`;
}

/**
 * A request that succeeds only with a valid token for the project: v5 `GET auth` (with
 * X-Auth-Client, as Behavioral Signals' SDK checks credentials), legacy `GET client/{cid}`.
 */
export function connectionCheckRequest(
  version: ApiVersion,
  credentials: Credentials,
  signal: AbortSignal,
): HttpRequest {
  const headers = authHeaders(credentials);
  return version === 'v5'
    ? {
        method: 'GET',
        path: 'auth',
        headers: { ...headers, 'x-auth-client': credentials.projectId },
        signal,
        subject: 'the token',
      }
    : {
        method: 'GET',
        path: `client/${encodeURIComponent(credentials.projectId)}`,
        headers,
        signal,
        subject: 'the token',
      };
}

/** The v5 form fields besides the file: `name`, and `meta` (the call details as JSON) when there are any. */
export function v5Fields(job: Pick<UploadJob, 'fileName' | 'metadata'>): Record<string, string> {
  const hasMetadata = Object.keys(job.metadata).length > 0;
  return {
    name: job.fileName,
    ...(hasMetadata ? { meta: JSON.stringify(job.metadata) } : {}),
  };
}

/**
 * The upload. v5: multipart `name` (the file name), `meta` (the call details as a JSON
 * string, left out when there are none) and `file`. Legacy: multipart `file` with the
 * seed's query parameters. Throws RejectedError when a legacy upload lacks what Oliver requires.
 */
export function uploadRequest(
  job: UploadJob,
  version: ApiVersion,
  credentials: Credentials,
  signal: AbortSignal,
  streaming: MultipartOptions,
): HttpRequest {
  const file: MultipartPart = {
    name: 'file',
    path: job.path,
    sizeBytes: job.sizeBytes,
    fileName: job.fileName,
    contentType: audioContentType(job),
  };
  const parts: readonly MultipartPart[] =
    version === 'v5'
      ? [...Object.entries(v5Fields(job)).map(([name, value]) => ({ name, value })), file]
      : [file];
  return {
    method: 'POST',
    path: uploadPath(version, credentials.projectId),
    ...(version === 'legacy' ? { query: legacyQuery(job) } : {}),
    headers: authHeaders(credentials),
    body: { kind: 'multipart', build: () => multipartBody(parts, streaming) },
    signal,
    subject: `the recording ${job.fileName}`,
  };
}

/** The request for one process's state. */
export function statusRequest(
  version: ApiVersion,
  credentials: Credentials,
  pid: string,
  signal: AbortSignal,
): HttpRequest {
  return {
    method: 'GET',
    path: processPath(version, credentials.projectId, pid),
    headers: authHeaders(credentials),
    signal,
    subject: `the state of process ${pid}`,
  };
}

function authHeaders(credentials: Credentials): Readonly<Record<string, string>> {
  return { 'x-auth-token': credentials.token };
}
