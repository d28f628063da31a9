import type { Codec } from './audio-facts.ts';

/** The audio format a WAV `fmt ` chunk declares. */
export interface WavFormat {
  /** The format tag, taken from the sub-format GUID for WAVE_FORMAT_EXTENSIBLE. */
  readonly formatTag: number;
  readonly codec: Codec;
  readonly channels: number;
  readonly sampleRate: number;
  readonly byteRate: number;
  readonly blockAlign: number;
  readonly bitsPerSample: number;
  /** Samples per block for block-coded formats (GSM 6.10, ADPCM), when the chunk says. */
  readonly samplesPerBlock?: number;
}

const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
const GSM_610 = 0x0031;

const CODECS: ReadonlyMap<number, Codec> = new Map<number, Codec>([
  [0x0001, 'pcm'],
  [0x0002, 'ms-adpcm'],
  [0x0003, 'float'],
  [0x0006, 'alaw'],
  [0x0007, 'mulaw'],
  [0x0011, 'ima-adpcm'],
  [GSM_610, 'gsm610'],
  [0x0055, 'mp3'],
  [0x0065, 'g722'],
  [0x0083, 'g729'],
]);

/** Codecs whose every sample takes the same bytes, so length is bytes over byte rate. */
const UNCOMPRESSED: ReadonlySet<Codec> = new Set<Codec>(['pcm', 'float', 'mulaw', 'alaw']);

/** The tail that every KSDATAFORMAT_SUBTYPE GUID derived from a WAV format tag shares. */
const SUBTYPE_GUID_TAIL = [
  0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71,
];

/** Our id for a WAV format tag: a known codec, or `wav-0xNNNN`. */
export function codecForFormatTag(tag: number): Codec {
  return CODECS.get(tag) ?? `wav-0x${tag.toString(16).padStart(4, '0')}`;
}

/** Reads a complete `fmt ` chunk body; a string says what is wrong with it. */
export function parseWavFormat(body: Uint8Array): WavFormat | string {
  if (body.length < 16) {
    return `its format chunk is ${body.length} bytes, too short to describe the audio (16 needed)`;
  }
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const tagged = formatTagOf(body, view);
  if (typeof tagged === 'string') return tagged;
  const { formatTag, codec } = tagged;
  const channels = view.getUint16(2, true);
  const sampleRate = view.getUint32(4, true);
  if (channels === 0) return 'its header says the audio has 0 channels';
  if (sampleRate === 0) return 'its header says the audio has a sample rate of 0 Hz';
  const extraSize = body.length >= 18 ? view.getUint16(16, true) : 0;
  const declaredPerBlock = extraSize >= 2 && body.length >= 20 ? view.getUint16(18, true) : 0;
  const blockCoded = formatTag === GSM_610 || formatTag === 0x0002 || formatTag === 0x0011;
  const samplesPerBlock = !blockCoded
    ? undefined
    : declaredPerBlock || (formatTag === GSM_610 ? 320 : undefined);
  return {
    formatTag,
    codec,
    channels,
    sampleRate,
    byteRate: view.getUint32(8, true),
    blockAlign: view.getUint16(12, true),
    bitsPerSample: view.getUint16(14, true),
    ...(samplesPerBlock ? { samplesPerBlock } : {}),
  };
}

/**
 * Seconds of audio in `dataBytes` bytes of this format. `factSamples` (from the fact or ds64
 * chunk) is used for compressed formats when it describes the same bytes. Undefined when the
 * header gives nothing to compute the length from.
 */
export function wavDuration(
  format: WavFormat,
  dataBytes: number,
  factSamples?: number,
): number | undefined {
  const { sampleRate, byteRate, blockAlign, samplesPerBlock } = format;
  if (UNCOMPRESSED.has(format.codec)) {
    const rate = byteRate > 0 ? byteRate : sampleRate * blockAlign;
    return rate > 0 ? dataBytes / rate : undefined;
  }
  if (factSamples !== undefined && factSamples > 0) return factSamples / sampleRate;
  if (samplesPerBlock !== undefined && blockAlign > 0) {
    return (Math.floor(dataBytes / blockAlign) * samplesPerBlock) / sampleRate;
  }
  return byteRate > 0 ? dataBytes / byteRate : undefined;
}

/**
 * The format tag and codec, looking inside the sub-format GUID of WAVE_FORMAT_EXTENSIBLE
 * (whose own tag says nothing about the codec); a string says what is wrong.
 */
function formatTagOf(
  body: Uint8Array,
  view: DataView,
): { formatTag: number; codec: Codec } | string {
  const headerTag = view.getUint16(0, true);
  if (headerTag !== WAVE_FORMAT_EXTENSIBLE) {
    return { formatTag: headerTag, codec: codecForFormatTag(headerTag) };
  }
  if (body.length < 40) {
    return `its format chunk is ${body.length} bytes, too short for the WAVE_FORMAT_EXTENSIBLE format it declares (40 needed)`;
  }
  const tail = body.subarray(26, 40);
  if (!SUBTYPE_GUID_TAIL.every((byte, i) => tail[i] === byte)) {
    return { formatTag: headerTag, codec: 'unknown' };
  }
  const formatTag = view.getUint16(24, true);
  return { formatTag, codec: codecForFormatTag(formatTag) };
}
