import type { Problem } from '../problem.ts';
import type { AudioFacts } from './audio-facts.ts';
import type { ContainerProbe, OpenRecording } from './container-probe.ts';
import { formatBytes } from './container-probe.ts';
import type { WavChunks } from './wav-chunks.ts';
import { SIZE_UNSET, walkWavChunks } from './wav-chunks.ts';
import { parseWavFormat, wavDuration } from './wav-format.ts';

const FRESH_COPY = 'the file is damaged; take a fresh copy from the recorder';

/** Reads a WAV or RF64 recording's format and length from its chunk headers, never its audio. */
export async function probeWav(recording: OpenRecording): Promise<ContainerProbe> {
  const { file, sizeBytes } = recording;
  const chunks = await walkWavChunks(file, sizeBytes);
  const kind = chunks.form === 'RF64' ? 'RF64' : 'WAV';
  if (!chunks.fmt) {
    const message = chunks.cutOffIn
      ? `${cutOff(kind, chunks.cutOffIn, sizeBytes)}: ${FRESH_COPY}`
      : `the ${kind} file has no fmt chunk, so its audio format is unknown: ${FRESH_COPY}`;
    return { problems: [{ code: 'corrupt', message }] };
  }
  const format = parseWavFormat(chunks.fmt);
  if (typeof format === 'string') {
    return {
      problems: [
        {
          code: 'corrupt',
          message: `the ${kind} file is damaged: ${format}; take a fresh copy from the recorder`,
        },
      ],
    };
  }
  const problems: Problem[] = [];
  const length = audioLength(chunks, sizeBytes, kind, problems);
  const durationSec = wavDuration(
    format,
    length.bytes,
    length.complete ? sampleCount(chunks) : undefined,
  );
  if (durationSec === undefined) {
    const message = `the ${kind} header gives neither a byte rate nor a block size, so the length of the audio cannot be worked out: ${FRESH_COPY}`;
    return { problems: [...problems, { code: 'corrupt', message }] };
  }
  const audio: AudioFacts = {
    container: chunks.form === 'RF64' ? 'rf64' : 'wav',
    codec: format.codec,
    channels: format.channels,
    sampleRate: format.sampleRate,
    durationSec,
    ...(format.bitsPerSample > 0 ? { bitsPerSample: format.bitsPerSample } : {}),
  };
  return { audio, problems };
}

/**
 * How many bytes of audio the file holds, and whether that is all the header declares.
 * Adds a problem when the data chunk is missing, cut off, or its size is not written yet.
 */
function audioLength(
  chunks: WavChunks,
  fileSize: number,
  kind: string,
  problems: Problem[],
): { bytes: number; complete: boolean } {
  const { data } = chunks;
  if (!data) {
    const message = chunks.cutOffIn
      ? `${cutOff(kind, chunks.cutOffIn, fileSize)}, before any audio: ${FRESH_COPY}`
      : `the ${kind} file has no data chunk, so it holds no audio: ${FRESH_COPY}`;
    problems.push({ code: 'corrupt', message });
    return { bytes: 0, complete: false };
  }
  const present = Math.max(0, fileSize - data.offset);
  if (chunks.form === 'RF64' && !chunks.ds64 && data.sizeField === SIZE_UNSET) {
    const message = `the RF64 file has no ds64 chunk, so the size of its audio is unknown: ${FRESH_COPY}`;
    problems.push({ code: 'corrupt', message });
    return { bytes: present, complete: false };
  }
  const unset = unsetSizeFields(chunks);
  if (unset.length > 0) {
    problems.push({
      code: 'incomplete',
      message:
        `the ${kind} header's size fields are not filled in (${unset.join(', ')}), as recorders leave them until ` +
        'the call ends: the recording is still being written, or the recorder stopped before finishing it; ' +
        'wait for the call to end, or take a fresh copy from the recorder',
    });
    return { bytes: present, complete: false };
  }
  if (data.declaredSize > present) {
    problems.push({
      code: 'incomplete',
      message:
        `the recording is still being written, or was cut off: ${formatBytes(present)} of ${formatBytes(data.declaredSize)} ` +
        'bytes present; wait until the recorder finishes it, or take a fresh copy from the recorder',
    });
    return { bytes: present, complete: false };
  }
  return { bytes: data.declaredSize, complete: true };
}

/**
 * The size fields still holding a placeholder, e.g. ["RIFF size 0xFFFFFFFF", "data size 0"].
 * In RF64, 0xFFFFFFFF is correct (the ds64 chunk holds the sizes), so only ds64 is checked there.
 */
function unsetSizeFields(chunks: WavChunks): string[] {
  if (chunks.form === 'RF64') return chunks.ds64?.dataSize === 0 ? ['ds64 data size 0'] : [];
  const placeholder = (value: number | undefined) => value === 0 || value === SIZE_UNSET;
  const hex = (value: number) => (value === 0 ? '0' : '0xFFFFFFFF');
  const fields: string[] = [];
  if (placeholder(chunks.riffSizeField)) fields.push(`RIFF size ${hex(chunks.riffSizeField)}`);
  const dataSize = chunks.data?.sizeField;
  if (dataSize !== undefined && placeholder(dataSize)) fields.push(`data size ${hex(dataSize)}`);
  return fields;
}

/** "the WAV header is cut off inside its fmt chunk (the file is only 20 bytes)" */
function cutOff(kind: string, where: string, fileSize: number): string {
  return `the ${kind} header is cut off inside its ${where} (the file is only ${formatBytes(fileSize)} bytes)`;
}

/** The sample count from fact, or from ds64 when fact defers to it (RF64). */
function sampleCount(chunks: WavChunks): number | undefined {
  if (chunks.factSamples === undefined) return undefined;
  return chunks.factSamples === SIZE_UNSET ? chunks.ds64?.sampleCount : chunks.factSamples;
}
