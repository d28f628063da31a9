import { audioContentType } from '../audio-content-type.ts';
import type { UploadJob } from '../connector.ts';
import { RejectedError } from '../errors.ts';
import type { HttpRequest } from '../http/http-client.ts';
import { multipartBody, type MultipartOptions, type MultipartPart } from '../http/multipart.ts';
import { HEADER_SAFE } from './header-rules.ts';
import type { PlaceholderInput } from './placeholders.ts';
import { fillUrlPath } from './url-template.ts';
import type { UploadSettings } from './upload-settings.ts';
import { fillTemplate } from './value-template.ts';

/**
 * The upload request for one recording: the address and headers filled in, the fields and
 * then the file as a streamed multipart body. Throws RejectedError when the recording lacks
 * a detail the address needs, or a header cannot carry one of its details.
 */
export function uploadRequest(
  settings: UploadSettings,
  input: PlaceholderInput & { readonly job: UploadJob },
  signal: AbortSignal,
  streaming: MultipartOptions,
): HttpRequest {
  const { job } = input;
  const path = fillUrlPath(settings.url, input);
  if (!path.ok) {
    throw new RejectedError(
      `the recording ${job.fileName} has no value for ${path.missing}, which the upload address needs: ` +
        'give it in the file name or a sidecar file, or take it out of the address (url)',
    );
  }
  const headers: Record<string, string> = {};
  for (const header of settings.headers) {
    const { text } = fillTemplate(header.value, input);
    if (text === '') continue;
    if (!HEADER_SAFE.test(text)) {
      throw new RejectedError(
        `the header ${header.name} cannot carry the details of ${job.fileName}: they hold characters outside plain ASCII. Send them as a field instead`,
      );
    }
    headers[header.name] = text;
  }
  const parts: MultipartPart[] = [];
  for (const field of settings.fields) {
    const { text } = fillTemplate(field.value, input);
    if (text === '') continue;
    parts.push(
      field.json
        ? { name: field.name, value: text, contentType: 'application/json' }
        : { name: field.name, value: text },
    );
  }
  parts.push({
    name: settings.fileField,
    path: job.path,
    sizeBytes: job.sizeBytes,
    fileName: job.fileName,
    contentType: audioContentType(job),
  });
  return {
    method: settings.method,
    path: path.path,
    headers,
    body: { kind: 'multipart', build: () => multipartBody(parts, streaming) },
    signal,
    subject: `the recording ${job.fileName}`,
  };
}
