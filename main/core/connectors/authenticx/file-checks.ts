import { extname } from 'node:path';
import type { UploadJob } from '../connector.ts';
import { formatBytes } from '../destination-check.ts';
import { RejectedError } from '../errors.ts';

/** Authenticx refuses files over 2.5 GB (API-NOTES). */
export const MAX_BYTES = 2_500_000_000;

/** The audio file extensions Media/Upload accepts (seed 003). */
export const AUDIO_EXTENSIONS: readonly string[] = [
  '.wav',
  '.mp3',
  '.mp4',
  '.ogg',
  '.opus',
  '.m4a',
];

/** A file name's extension, lower-cased, with its dot ("" when it has none). */
export function audioExtension(fileName: string): string {
  return extname(fileName).toLowerCase();
}

/**
 * Why Authenticx would refuse this recording whatever is tried, found before anything
 * is sent: over 2.5 GB, or not one of the audio extensions it accepts. Null when none.
 */
export function uploadRefusal(
  job: Pick<UploadJob, 'fileName' | 'sizeBytes'>,
): RejectedError | null {
  if (job.sizeBytes > MAX_BYTES) {
    return new RejectedError(
      `Authenticx accepts files up to ${formatBytes(MAX_BYTES)}; ${job.fileName} is ${formatBytes(job.sizeBytes)} (${job.sizeBytes.toLocaleString('en-US')} bytes). Split or compress the recording.`,
    );
  }
  if (!AUDIO_EXTENSIONS.includes(audioExtension(job.fileName))) {
    return new RejectedError(
      `Authenticx accepts only ${AUDIO_EXTENSIONS.join(' ')} recordings; ${job.fileName} is not one of them.`,
    );
  }
  return null;
}
