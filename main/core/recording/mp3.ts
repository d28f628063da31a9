import type { Problem } from '../problem.ts';
import { readCompressedFormat } from './compressed.ts';
import type { ContainerProbe, OpenRecording } from './container-probe.ts';
import { formatBytes } from './container-probe.ts';
import type { MpegFrame } from './mpeg-frame.ts';
import { parseMpegFrame } from './mpeg-frame.ts';
import { type ByteSource, fourCc, latin1, readAt } from './read-at.ts';

/** How far past the ID3 tag to look for the first frame (some writers pad with zeros). */
const FRAME_SEARCH_BYTES = 8192;
/** Real files have one ID3v2 tag, rarely two; a long chain of them is damage or an attack. */
const MAX_ID3_TAGS = 8;
/** How much audio from the first frame the library reads for the format (it stops there). */
const LIBRARY_BYTES = 256 * 1024;

/** The first MPEG frame, and what its Xing/Info or VBRI header (if any) says about the stream. */
interface FirstFrame {
  readonly offset: number;
  readonly frame: MpegFrame;
  /** What a Xing/Info or VBRI header states: the frame count gives the exact length. */
  readonly lengthHeader?: { readonly frames?: number; readonly streamBytes?: number };
}

/**
 * Reads an MP3 recording's format and length from its headers. Without a Xing/Info or VBRI
 * header, the length is estimated from the bitrate and the size of the audio.
 */
export async function probeMp3(recording: OpenRecording): Promise<ContainerProbe> {
  const { path, file, sizeBytes } = recording;
  const first = await findFirstFrame(file, sizeBytes);
  if (!first) {
    const message =
      'the file starts like MP3 but no MP3 audio frame follows its tags: the file is damaged; take a fresh copy from the recorder';
    return { problems: [{ code: 'corrupt', message }] };
  }
  // The library reads frames until it is satisfied; after damage it searches on to the end of the
  // file, so it is given the first frames only (the length comes from our own reading).
  const format = await readCompressedFormat(
    { path, start: first.offset, end: first.offset + LIBRARY_BYTES },
    'mp3',
  );
  if ('failure' in format) {
    return {
      problems: [
        {
          code: 'corrupt',
          message: `the MP3 file is damaged (${format.failure}): take a fresh copy from the recorder`,
        },
      ],
    };
  }
  const audioBytes = sizeBytes - first.offset - ((await hasId3v1(file, sizeBytes)) ? 128 : 0);
  const declared = first.lengthHeader?.streamBytes;
  const cutOff = declared !== undefined && declared > audioBytes;
  const problems: Problem[] = [];
  if (cutOff) {
    problems.push({
      code: 'incomplete',
      message:
        `the recording is still being written, or was cut off: ${formatBytes(audioBytes)} of ${formatBytes(declared)} ` +
        'bytes present; wait until the recorder finishes it, or take a fresh copy from the recorder',
    });
  }
  const { frame } = first;
  const frames = first.lengthHeader?.frames;
  const fullSec =
    frames === undefined ? undefined : (frames * frame.samplesPerFrame) / frame.sampleRate;
  // Without a frame count, bytes over bitrate is a fair estimate (exact for constant bitrate).
  const durationSec =
    fullSec === undefined
      ? (audioBytes * 8) / (format.bitrate ?? frame.bitrate)
      : cutOff
        ? (fullSec * audioBytes) / declared
        : fullSec;
  return {
    audio: {
      container: 'mp3',
      codec: format.codec === 'unknown' ? codecOfLayer(frame) : format.codec,
      channels: format.channels ?? frame.channels,
      sampleRate: format.sampleRate ?? frame.sampleRate,
      durationSec,
      ...(fullSec === undefined || cutOff ? { durationEstimated: true } : {}),
    },
    problems,
  };
}

/** Skips any ID3v2 tags and finds the first of two consecutive MPEG frames after them. */
async function findFirstFrame(file: ByteSource, fileSize: number): Promise<FirstFrame | undefined> {
  let offset = 0;
  for (let tags = 0; tags < MAX_ID3_TAGS; tags++) {
    const tagHeader = await readAt(file, offset, 10);
    if (tagHeader.length < 10 || latin1(tagHeader, 0, 3) !== 'ID3') break;
    // "ID3", version (2), flags (1), then the tag size as four 7-bit bytes; a footer adds 10.
    const view = new DataView(tagHeader.buffer, tagHeader.byteOffset, 10);
    const size = [6, 7, 8, 9].reduce((sum, at) => (sum << 7) | (view.getUint8(at) & 0x7f), 0);
    offset += 10 + size + (view.getUint8(5) & 0x10 ? 10 : 0);
  }
  const bytes = await readAt(file, offset, FRAME_SEARCH_BYTES);
  for (let at = 0; at + 4 <= bytes.length; at++) {
    const frame = parseMpegFrame(bytes, at);
    if (!frame) continue;
    const nextAt = at + frame.frameLength;
    const followed =
      nextAt + 4 > bytes.length
        ? offset + nextAt >= fileSize - 4
        : parseMpegFrame(bytes, nextAt) !== undefined;
    if (!followed) continue;
    const lengthHeader = readLengthHeader(bytes.subarray(at, at + frame.frameLength), frame);
    return { offset: offset + at, frame, ...(lengthHeader ? { lengthHeader } : {}) };
  }
  return undefined;
}

/** The Xing/Info (LAME, FFmpeg) or VBRI (Fraunhofer) header inside a first frame, if any. */
function readLengthHeader(frameBytes: Uint8Array, frame: MpegFrame): FirstFrame['lengthHeader'] {
  const view = new DataView(frameBytes.buffer, frameBytes.byteOffset, frameBytes.byteLength);
  // Xing sits after the side information; writers disagree on whether a CRC precedes it.
  for (const at of [4 + frame.sideInfoLength, 4 + frame.sideInfoLength - 2]) {
    const id = fourCc(frameBytes, at);
    if ((id !== 'Xing' && id !== 'Info') || at + 16 > frameBytes.length) continue;
    const flags = view.getUint32(at + 4, false);
    const frames = flags & 1 ? view.getUint32(at + 8, false) : undefined;
    const streamBytes = flags & 2 ? view.getUint32(at + (flags & 1 ? 12 : 8), false) : undefined;
    return {
      ...(frames !== undefined ? { frames } : {}),
      ...(streamBytes !== undefined ? { streamBytes } : {}),
    };
  }
  // VBRI: id, version, delay, quality (2 bytes each after the id), then bytes and frames.
  if (fourCc(frameBytes, 36) === 'VBRI' && frameBytes.length >= 54) {
    return { streamBytes: view.getUint32(36 + 10, false), frames: view.getUint32(36 + 14, false) };
  }
  return undefined;
}

/** True when the file ends with a 128-byte ID3v1 tag, which is not audio. */
async function hasId3v1(file: ByteSource, fileSize: number): Promise<boolean> {
  if (fileSize < 128) return false;
  return latin1(await readAt(file, fileSize - 128, 3), 0, 3) === 'TAG';
}

/** The codec of an MPEG frame when the library named none: only Layer III is MP3. */
function codecOfLayer(frame: MpegFrame): 'mp3' | 'unknown' {
  return frame.layer === 3 ? 'mp3' : 'unknown';
}
