/** Container formats the probe recognises. RF64 is the WAV variant for files over 4 GiB. */
export type Container = 'wav' | 'rf64' | 'mp3' | 'ogg' | 'mp4';

/**
 * Codecs by short id. WAV format tags without a name here are reported as
 * `wav-0xNNNN` so that nothing is hidden.
 */
export type Codec =
  | 'pcm'
  | 'float'
  | 'mulaw'
  | 'alaw'
  | 'gsm610'
  | 'ima-adpcm'
  | 'ms-adpcm'
  | 'g722'
  | 'g729'
  | 'mp3'
  | 'opus'
  | 'vorbis'
  | 'aac'
  | 'alac'
  | 'flac'
  | `wav-0x${string}`
  | 'unknown';

/** What the probe read from a recording's header. */
export interface AudioFacts {
  readonly container: Container;
  readonly codec: Codec;
  readonly channels: number;
  readonly sampleRate: number;
  readonly durationSec: number;
  /** True when the header gives no length and the duration was estimated from size and bitrate. */
  readonly durationEstimated?: boolean;
  readonly bitsPerSample?: number;
}
