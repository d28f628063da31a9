import type { Problem } from '../problem.ts';
import { readCompressedFormat } from './compressed.ts';
import type { CompressedFormat } from './compressed.ts';
import type { ContainerProbe, OpenRecording } from './container-probe.ts';
import { readOggEnd, readOggPage } from './ogg-pages.ts';
import { latin1 } from './read-at.ts';

/** Opus always counts granule positions at 48 kHz, whatever rate went in. */
const OPUS_GRANULE_RATE = 48000;
/** How much of the start the library reads for the format: the header packets are far smaller. */
const LIBRARY_BYTES = 1024 * 1024;

/**
 * Reads an Ogg recording's format from its first pages and its length from the granule
 * position of its last page, so only the start and the last 64 KiB are read.
 */
export async function probeOgg(recording: OpenRecording): Promise<ContainerProbe> {
  const { path, file, sizeBytes, head } = recording;
  const firstPage = readOggPage(head, 0);
  const format = await readCompressedFormat({ path, start: 0, end: LIBRARY_BYTES }, 'ogg');
  // A first page cut short or failing its checksum is damage, whatever the library made of it.
  if (firstPage && !('failure' in format) && !format.hasAudio) {
    const what = format.hasVideo ? 'video without sound' : 'no audio stream';
    const message = `the Ogg file holds ${what}: check that the recorder saves the call audio`;
    return { problems: [{ code: 'not-audio', message }] };
  }
  if (!firstPage || 'failure' in format || !format.sampleRate || !format.channels) {
    const reason = 'failure' in format ? ` (${format.failure})` : '';
    const message = `the Ogg file's headers are damaged${reason}, so its audio cannot be read: take a fresh copy from the recorder`;
    return { problems: [{ code: 'corrupt', message }] };
  }
  const end = await readOggEnd(file, sizeBytes, firstPage.serial);
  const problems: Problem[] = [];
  if (!end?.lastPage.endOfStream) {
    problems.push({
      code: 'incomplete',
      message:
        'the Ogg stream has no final page: the recording is still being written, or was cut off; ' +
        'wait until the recorder finishes it, or take a fresh copy from the recorder',
    });
  }
  const fromLastPage =
    end?.granulePosition !== undefined
      ? granuleSeconds(end.granulePosition, format, head, firstPage.payloadOffset)
      : undefined;
  const durationSec = fromLastPage ?? format.durationSec;
  if (durationSec === undefined) {
    const message =
      'the end of the Ogg stream is damaged, so the length of the recording is unknown: take a fresh copy from the recorder';
    return { problems: [...problems, { code: 'corrupt', message }] };
  }
  return {
    audio: {
      container: 'ogg',
      codec: format.codec,
      channels: format.channels,
      sampleRate: format.sampleRate,
      durationSec,
    },
    problems,
  };
}

/**
 * Seconds up to a granule position. Opus counts 48 kHz samples including the pre-skip that
 * its OpusHead (the first packet) declares; Vorbis, Speex and FLAC count samples at their rate.
 */
function granuleSeconds(
  granule: bigint,
  format: CompressedFormat,
  head: Uint8Array,
  payloadOffset: number,
): number | undefined {
  if (format.codec !== 'opus')
    return format.sampleRate ? Number(granule) / format.sampleRate : undefined;
  const isOpusHead =
    latin1(head, payloadOffset, 8) === 'OpusHead' && payloadOffset + 12 <= head.length;
  // OpusHead: magic (8), version (1), channels (1), pre-skip (16-bit little-endian), ...
  const preSkip = isOpusHead
    ? new DataView(head.buffer, head.byteOffset).getUint16(payloadOffset + 10, true)
    : 0;
  return Math.max(0, Number(granule) - preSkip) / OPUS_GRANULE_RATE;
}
