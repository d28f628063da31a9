// The one file that knows music-metadata: swap the library here and nowhere else.
import { openAsBlob } from 'node:fs';
import { parseBlob } from 'music-metadata';
import type { IAudioMetadata, ITrackInfo } from 'music-metadata';
import type { Codec } from './audio-facts.ts';

/** What a compressed recording's headers say; any field may be missing from a damaged file. */
export interface CompressedFormat {
  readonly codec: Codec;
  readonly channels?: number;
  readonly sampleRate?: number;
  /** Seconds, when a header states the length (Xing/VBRI, mvhd/mdhd, a short Ogg's last page). */
  readonly durationSec?: number;
  /** Bits per second, as the first frames or the header say. */
  readonly bitrate?: number;
  readonly bitsPerSample?: number;
  readonly hasAudio: boolean;
  readonly hasVideo: boolean;
}

/** The containers read through the library, by the MIME type that selects its parser. */
const MIME_TYPES = { mp3: 'audio/mpeg', ogg: 'audio/ogg', mp4: 'audio/mp4' } as const;

/** MP4 sample-entry codes. */
const MP4_CODECS: ReadonlyMap<string, Codec> = new Map<string, Codec>([
  ['mp4a', 'aac'],
  ['alac', 'alac'],
  ['ulaw', 'mulaw'],
  ['alaw', 'alaw'],
  ['Opus', 'opus'],
  ['fLaC', 'flac'],
  ['.mp3', 'mp3'],
]);

/**
 * Reads the format of an MP3, Ogg or MP4 recording from its headers, without scanning the
 * audio for its length. Returns `{ failure }` with the library's reason when it cannot.
 */
export async function readCompressedFormat(
  path: string,
  container: keyof typeof MIME_TYPES,
): Promise<CompressedFormat | { readonly failure: string }> {
  let metadata: IAudioMetadata;
  try {
    // A file-backed Blob reads only the ranges the parser asks for, and lets us name the parser
    // by MIME type: parseFile would pick it by extension, which is wrong for misnamed files.
    const blob = await openAsBlob(path, { type: MIME_TYPES[container] });
    metadata = await parseBlob(blob, { duration: false, skipCovers: true });
  } catch (error) {
    return { failure: error instanceof Error ? error.message : String(error) };
  }
  const { format } = metadata;
  const track = format.trackInfo.find((t) => t.audio !== undefined);
  return {
    codec: codecOf(format.codec, track),
    ...defined('channels', format.numberOfChannels),
    ...defined('sampleRate', format.sampleRate),
    ...defined('durationSec', format.duration),
    ...defined('bitrate', format.bitrate),
    ...defined('bitsPerSample', format.bitsPerSample),
    hasAudio: format.hasAudio === true,
    hasVideo: format.hasVideo === true,
  };
}

/** Our codec id for the library's codec name ("MPEG 1 Layer 3", "Vorbis I", "MPEG-4/AAC"). */
function codecOf(name: string | undefined, track: ITrackInfo | undefined): Codec {
  const sampleEntry = track?.codecId === undefined ? undefined : MP4_CODECS.get(track.codecId);
  if (sampleEntry) return sampleEntry;
  if (name === undefined) return 'unknown';
  if (/^MPEG [\d.]+ Layer 3$/.test(name)) return 'mp3';
  if (name === 'Opus') return 'opus';
  if (name.startsWith('Vorbis')) return 'vorbis';
  if (name.includes('AAC')) return 'aac';
  if (name === 'ALAC') return 'alac';
  if (name === 'FLAC') return 'flac';
  return 'unknown';
}

/** `{ [key]: value }` when the value is a positive finite number, else nothing. */
function defined<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value !== undefined && Number.isFinite(value) && value > 0
    ? ({ [key]: value } as Record<K, number>)
    : {};
}
