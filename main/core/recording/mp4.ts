import type { Problem } from '../problem.ts';
import { readCompressedFormat } from './compressed.ts';
import type { ContainerProbe, OpenRecording } from './container-probe.ts';
import { formatBytes } from './container-probe.ts';
import type { Mp4Box } from './mp4-boxes.ts';
import { aacChannels, fileReader, listBoxes, memoryReader } from './mp4-boxes.ts';
import { readMp4Index } from './mp4-index.ts';

/**
 * Reads an MP4/M4A recording's format and length from its index (the moov box), after
 * checking that the top-level boxes are all there: recorders write the index last.
 * Only the box headers and the index are read, never the audio.
 */
export async function probeMp4(recording: OpenRecording): Promise<ContainerProbe> {
  const { file, sizeBytes } = recording;
  const boxes = await listBoxes(fileReader(file), 0, sizeBytes);
  const problems = topLevelProblems(boxes, sizeBytes);
  const moov = boxes.find((b) => b.type === 'moov');
  // Without an index there is nothing for the library to read (the problems say why).
  if (!moov) return { problems };
  const index = await readMp4Index(file, moov, sizeBytes);
  if ('problem' in index) return { problems: problems.length > 0 ? problems : [index.problem] };
  const format = await readCompressedFormat({ bytes: index.bytes }, 'mp4');
  if (
    'failure' in format ||
    !format.sampleRate ||
    !format.channels ||
    format.durationSec === undefined
  ) {
    if (problems.length > 0) return { problems };
    if (!('failure' in format) && !format.hasAudio) {
      const what = format.hasVideo ? 'video without sound' : 'no audio track';
      const message = `the MP4 file holds ${what}: check that the recorder saves the call audio`;
      return { problems: [{ code: 'not-audio', message }] };
    }
    const reason = 'failure' in format ? ` (${format.failure})` : '';
    const message = `the MP4 file's index is damaged${reason}, so its audio cannot be read: take a fresh copy from the recorder`;
    return { problems: [{ code: 'corrupt', message }] };
  }
  // The index in memory starts at 0.
  const moovInMemory = {
    type: moov.type,
    offset: 0,
    bodyOffset: moov.bodyOffset - moov.offset,
    end: index.bytes.length,
  };
  const declaredChannels =
    format.codec === 'aac' ? await aacChannels(memoryReader(index.bytes), moovInMemory) : undefined;
  return {
    audio: {
      container: 'mp4',
      codec: format.codec,
      channels: declaredChannels ?? format.channels,
      sampleRate: format.sampleRate,
      durationSec: format.durationSec,
      ...(format.bitsPerSample && format.codec !== 'aac'
        ? { bitsPerSample: format.bitsPerSample }
        : {}),
    },
    problems,
  };
}

/** What the top-level box sizes say: a damaged box, one running past the end, or no index at all. */
function topLevelProblems(boxes: readonly Mp4Box[], fileSize: number): Problem[] {
  const last = boxes.at(-1);
  if (last && last.end - last.offset < 8) {
    const message = `the MP4 file's ${last.type.trim() || 'box'} box at byte ${formatBytes(last.offset)} is damaged: take a fresh copy from the recorder`;
    return [{ code: 'corrupt', message }];
  }
  if (last && last.end > fileSize) {
    return [incomplete(`${formatBytes(fileSize)} of ${formatBytes(last.end)} bytes present`)];
  }
  if (!boxes.some((b) => b.type === 'moov')) {
    return [incomplete('the index (moov box) that recorders write last is missing')];
  }
  return [];
}

function incomplete(detail: string): Problem {
  return {
    code: 'incomplete',
    message:
      `the recording is still being written, or was cut off: ${detail}; ` +
      'wait until the recorder finishes it, or take a fresh copy from the recorder',
  };
}
