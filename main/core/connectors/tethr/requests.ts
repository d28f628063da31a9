import type { UploadJob } from '../connector.ts';
import { clientCredentialsRequest } from '../http/client-credentials.ts';
import type { HttpRequest } from '../http/http-client.ts';
import { multipartBody, type MultipartOptions } from '../http/multipart.ts';
import type { CallInfo, MonitorMessage } from './api-types.ts';
import { CONTENT_TYPE_OF_FORMAT } from './call-info.ts';

/** Where Tethr hands out access tokens. */
export const TOKEN_PATH = 'Token';
/** Where archived calls are uploaded. */
export const ARCHIVE_PATH = 'callCapture/v1/archive';
/** Where the processing status of calls is asked, by session id. */
export const STATUS_PATH = 'callCapture/v1/status';
/** Where Tethr lists the agents whose calls it wants. */
export const RECORDING_SETTINGS_PATH = 'sources/v1/recordingSettings';
/** Where heartbeats go. */
export const MONITOR_PATH = 'callCapture/v1/monitor';

/** The token request: client-credentials grant, form-encoded. */
export function tokenRequest(clientId: string, clientSecret: string): HttpRequest {
  return clientCredentialsRequest(TOKEN_PATH, { clientId, clientSecret }, 'the sign-in');
}

/** The archive upload: `info` (application/json) first, then `data`, the recording itself. */
export function archiveRequest(
  job: UploadJob,
  info: CallInfo,
  signal: AbortSignal,
  streaming: MultipartOptions,
): HttpRequest {
  return {
    method: 'POST',
    path: ARCHIVE_PATH,
    body: {
      kind: 'multipart',
      build: () =>
        multipartBody(
          [
            { name: 'info', value: JSON.stringify(info), contentType: 'application/json' },
            {
              name: 'data',
              path: job.path,
              sizeBytes: job.sizeBytes,
              fileName: job.fileName,
              contentType: CONTENT_TYPE_OF_FORMAT[info.audio.format],
            },
          ],
          streaming,
        ),
    },
    signal,
    subject: `the recording ${job.fileName}`,
  };
}

/** The status of several calls at once, by session id. */
export function statusRequest(sessionIds: readonly string[], signal: AbortSignal): HttpRequest {
  return {
    method: 'POST',
    path: STATUS_PATH,
    body: { kind: 'json', value: { CallSessionIds: sessionIds } },
    signal,
    subject:
      sessionIds.length === 1 ? `the status of call ${sessionIds[0]}` : 'the status of calls',
  };
}

/** The list of agents and whether Tethr wants their calls. */
export function recordingSettingsRequest(signal: AbortSignal): HttpRequest {
  return {
    method: 'GET',
    path: RECORDING_SETTINGS_PATH,
    signal,
    subject: 'the recording settings',
  };
}

/** A heartbeat. */
export function monitorRequest(message: MonitorMessage, signal: AbortSignal): HttpRequest {
  return {
    method: 'POST',
    path: MONITOR_PATH,
    body: { kind: 'json', value: message },
    signal,
    subject: 'the heartbeat',
  };
}
