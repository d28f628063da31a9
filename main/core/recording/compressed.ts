// The one file that knows music-metadata: swap the library here and nowhere else.
import { openAsBlob } from 'node:fs';
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
 * What the library is given to read: a whole file, a part of one (so that a damaged file cannot
 * make it read on to the end), or headers already in memory (an MP4 index).
 */
export type CompressedSource =
  | string
  | { readonly path: string; readonly start: number; readonly end: number }
  | { readonly bytes: Uint8Array };

/**
 * Reads the format of an MP3, Ogg or MP4 recording from its headers, without scanning the
 * audio for its length. Returns `{ failure }` with the library's reason when it cannot.
 */
export async function readCompressedFormat(
  source: CompressedSource,
  container: keyof typeof MIME_TYPES,
): Promise<CompressedFormat | { readonly failure: string }> {
  let metadata: IAudioMetadata;
  const type = MIME_TYPES[container];
  try {
    // A file-backed Blob reads only the ranges the parser asks for, and lets us name the parser
    // by MIME type: parseFile would pick it by extension, which is wrong for misnamed files.
    const blob =
      typeof source === 'string'
        ? await openAsBlob(source, { type })
        : 'bytes' in source
          ? new Blob([source.bytes as Uint8Array<ArrayBuffer>], { type })
          : (await openAsBlob(source.path, { type })).slice(source.start, source.end, type);
    // Loaded on the first compressed recording: ~80 modules a WAV-only office never needs.
    const { parseBlob } = await import('music-metadata');
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
