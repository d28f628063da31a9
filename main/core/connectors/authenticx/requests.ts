import type { UploadJob } from '../connector.ts';
import { clientCredentialsRequest } from '../http/client-credentials.ts';
import type { HttpRequest } from '../http/http-client.ts';
import { multipartBody, type MultipartOptions } from '../http/multipart.ts';
import type { MediaMetadata } from './api-types.ts';
import { audioExtension } from './file-checks.ts';

/** Where Authenticx hands out tokens, at the root of the API's host whatever the server address's path (API-NOTES). */
export const TOKEN_PATH = 'connect/token';
/** Where recordings are uploaded, below the profile's server address. */
export const UPLOAD_PATH = 'Media/Upload';
/** The only scope the AcxAPI knows. */
export const SCOPE = 'acxapi';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.mp4': 'audio/mp4',
  '.m4a': 'audio/mp4',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
};

/** The content type of the file part, from the file's extension. */
export function audioContentType(fileName: string): string {
  return CONTENT_TYPES[audioExtension(fileName)] ?? 'application/octet-stream';
}

/** The token request: client credentials in the form body, scope acxapi. */
export function tokenRequest(clientId: string, clientSecret: string): HttpRequest {
  return clientCredentialsRequest(
    TOKEN_PATH,
    { clientId, clientSecret, scope: SCOPE },
    'the sign-in',
  );
}

/** The upload: the `metadata` JSON document, then the recording as part `file` under the same name. */
export function uploadRequest(
  job: Pick<UploadJob, 'path' | 'fileName' | 'sizeBytes'>,
  metadata: MediaMetadata,
  signal: AbortSignal,
  streaming: MultipartOptions,
): HttpRequest {
  return {
    method: 'POST',
    path: UPLOAD_PATH,
    body: {
      kind: 'multipart',
      build: () =>
        multipartBody(
          [
            { name: 'metadata', value: JSON.stringify(metadata) },
            {
              name: 'file',
              path: job.path,
              sizeBytes: job.sizeBytes,
              fileName: metadata.FileName,
              contentType: audioContentType(job.fileName),
            },
          ],
          streaming,
        ),
    },
    signal,
    subject: `the recording ${job.fileName}`,
  };
}
