import type { Connector } from '../connector.ts';
import { HttpUploadClient } from './client.ts';
import { HTTP_UPLOAD_OPTIONS } from './options.ts';
import { API_KEY, PLACEHOLDER_LIST } from './placeholders.ts';
import { readUploadSettings } from './upload-settings.ts';

/** Any platform with an HTTP upload endpoint, described by the profile (ShareX's custom uploaders). */
export const httpUpload: Connector = {
  id: 'http',
  label: 'HTTP API',
  docsUrl: 'https://getsharex.com/docs/custom-uploader',
  summary:
    'Uploads to any platform that takes a file over HTTP: you describe the address, fields, headers and sign-in, as for a ShareX custom uploader.',
  options: HTTP_UPLOAD_OPTIONS,
  capabilities: {
    formats: [
      { container: 'wav' },
      { container: 'rf64' },
      { container: 'mp3' },
      { container: 'ogg' },
      { container: 'mp4' },
    ],
    requiresStereo: false,
    lookup: false,
    metadataUpdate: false,
    statusPolling: false,
    heartbeat: false,
  },
  checkOptions: (options, context) => readUploadSettings(options, context.profileId, true).problems,
  details: [
    `Placeholders, filled in for each recording in \`url\` (path and query only, percent-encoded), \`headers\` and \`fields\`: ${PLACEHOLDER_LIST}. ` +
      'The call details come from the file name and its sidecar; `{extra:key}` is any other key they carry; ' +
      '`{metadataJson}` (fields only) is all call details as one JSON object, sent as `application/json` when it is the whole value. ' +
      'Write `{{` and `}}` for a brace itself.',
    `\`{secret:${API_KEY}}\` is the profile's \`${API_KEY}\` secret (\`call-courier secret set PROFILE ${API_KEY}\`), for a platform that takes a key in a header, a field or the address.`,
    'A header or field that comes out empty is not sent. A recording that lacks a detail the address needs is not sent either: it is marked failed, with the detail named.',
    'The recording goes last in the multipart body, in `fileField`, under its original file name with its audio content type (`audio/wav`, `audio/mpeg`, `audio/ogg`, `audio/mp4`).',
    'An answer with a status in `acceptedStatuses` (any 2xx when left out) means the platform has the recording; its id is read at `responseIdPath`, or else the `Location` header is kept. ' +
      'If the answer has no id there, or the status is a 2xx that is not accepted, the destination is paused with the answer described, because the profile does not match the platform: that recording is sent again once it resumes. ' +
      'Other statuses are handled as for every connector: 408, 425, 429 and 5xx are retried (honouring Retry-After), 401 and 403 pause the destination, other 4xx mark the recording failed with the platform’s reason.',
    'With `oauth2-client-credentials`, a token is fetched from `tokenUrl` (grant `client_credentials`, with `scope` if given) and reused until it expires or is refused, then fetched again.',
  ],
  open: (context) => new HttpUploadClient(context),
};
