/** One MPEG audio (MP1/MP2/MP3) frame header, as its four bytes declare it. */
export interface MpegFrame {
  /** 1, 2 or 2.5. */
  readonly version: 1 | 2 | 2.5;
  readonly layer: 1 | 2 | 3;
  readonly bitrate: number;
  readonly sampleRate: number;
  readonly channels: 1 | 2;
  readonly samplesPerFrame: number;
  /** Bytes from this header to the next one. */
  readonly frameLength: number;
  /** Bytes of Layer III side information after the header (and its CRC, if any). */
  readonly sideInfoLength: number;
}

// kbit/s by [version 1 | 2 and 2.5][layer 1..3][index]
const BITRATES_V1 = [
  [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
];
const BITRATES_V2 = [
  [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
];
const SAMPLE_RATES = {
  1: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  2.5: [11025, 12000, 8000],
};

/** Parses the frame header at `offset`; undefined when the bytes there are not a valid one. */
export function parseMpegFrame(bytes: Uint8Array, offset: number): MpegFrame | undefined {
  if (offset + 4 > bytes.length) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, 4);
  const [b0, b1, b2, b3] = [view.getUint8(0), view.getUint8(1), view.getUint8(2), view.getUint8(3)];
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const versionBits = (b1 >> 3) & 0b11;
  const layerBits = (b1 >> 1) & 0b11;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 0b11;
  // 01 is a reserved version; layer 00 is ADTS (AAC), not MPEG audio; index 15 and 3 are invalid.
  if (
    versionBits === 0b01 ||
    layerBits === 0 ||
    bitrateIndex === 0 ||
    bitrateIndex === 15 ||
    rateIndex === 3
  ) {
    return undefined;
  }
  const version = versionBits === 0b11 ? 1 : versionBits === 0b10 ? 2 : 2.5;
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const bitrate =
    ((version === 1 ? BITRATES_V1 : BITRATES_V2)[layer - 1]?.[bitrateIndex] ?? 0) * 1000;
  const sampleRate = SAMPLE_RATES[version][rateIndex] ?? 0;
  const padding = (b2 >> 1) & 1;
  const channels = b3 >> 6 === 0b11 ? 1 : 2;
  const samplesPerFrame = layer === 1 ? 384 : layer === 3 && version !== 1 ? 576 : 1152;
  const frameLength =
    layer === 1
      ? (Math.floor((12 * bitrate) / sampleRate) + padding) * 4
      : Math.floor(((samplesPerFrame / 8) * bitrate) / sampleRate) + padding;
  const crcLength = (b1 & 1) === 0 ? 2 : 0;
  const sideInfo =
    layer !== 3 ? 0 : version === 1 ? (channels === 1 ? 17 : 32) : channels === 1 ? 9 : 17;
  return {
    version,
    layer,
    bitrate,
    sampleRate,
    channels,
    samplesPerFrame,
    frameLength,
    sideInfoLength: crcLength + sideInfo,
  };
}
