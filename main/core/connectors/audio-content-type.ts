import type { UploadJob } from './connector.ts';

/** Audio content types by container name (as probed, or as a file extension). */
const BY_CONTAINER: Readonly<Record<string, string>> = {
  wav: 'audio/wav',
  rf64: 'audio/wav',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  mp4: 'audio/mp4',
  m4a: 'audio/mp4',
};

/** A file name's extension, lower-cased, without its dot ("" when it has none). */
export function fileExtension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

/** The recording's audio content type, from the probed container or else its extension. */
export function audioContentType(job: Pick<UploadJob, 'audio' | 'fileName'>): string {
  const container = job.audio?.container ?? fileExtension(job.fileName);
  return BY_CONTAINER[container] ?? 'application/octet-stream';
}
