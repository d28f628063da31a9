// An M4A built box by box: valid enough for the probe and its library, with silent AAC frames.
import { ascii, be16, be32, concat } from './container-bytes.ts';

/** An ISO-BMFF box: 32-bit size, type, body. */
export function box(type: string, ...body: readonly Uint8Array[]): Uint8Array {
  const content = concat(...body);
  return concat(be32(8 + content.length), ascii(type), content);
}

function fullBox(type: string, version: number, ...body: readonly Uint8Array[]): Uint8Array {
  return box(type, Uint8Array.from([version, 0, 0, 0]), ...body);
}

const zeros = (length: number) => new Uint8Array(length);

/** An MP4 layout to build. */
export interface Mp4Spec {
  readonly channels: number;
  readonly sampleRate: number;
  readonly seconds: number;
  /** Put the index (moov) before the audio (mdat), as "fast start" files do; after it otherwise. */
  readonly moovFirst?: boolean;
  /** Leave the index out, as a recorder does until the call ends. */
  readonly withoutMoov?: boolean;
}

/** An M4A with one AAC track whose index declares `seconds` of silent 1,024-sample frames. */
export function m4aBytes(spec: Mp4Spec): Uint8Array {
  const { sampleRate, seconds } = spec;
  const frames = Math.ceil((seconds * sampleRate) / 1024);
  const frameBytes = 6;
  const mdat = box('mdat', zeros(frames * frameBytes));
  const ftyp = box('ftyp', ascii('M4A '), be32(0), ascii('M4A mp42isom'));
  if (spec.withoutMoov) return concat(ftyp, mdat);
  const moovFor = (mdatOffset: number) => moov(spec, frames, frameBytes, mdatOffset + 8);
  const moovFirst = spec.moovFirst ?? true;
  const placeholder = moovFor(0);
  return moovFirst
    ? concat(ftyp, moovFor(ftyp.length + placeholder.length), mdat)
    : concat(ftyp, mdat, moovFor(ftyp.length));
}

function moov(spec: Mp4Spec, frames: number, frameBytes: number, chunkOffset: number): Uint8Array {
  const { channels, sampleRate } = spec;
  const duration = frames * 1024;
  const mvhd = fullBox(
    'mvhd',
    0,
    zeros(8), // creation and modification time
    be32(sampleRate),
    be32(duration),
    be32(0x00010000), // rate 1.0
    be16(0x0100), // volume 1.0
    zeros(10),
    unityMatrix(),
    zeros(24),
    be32(2), // next track id
  );
  const tkhd = fullBox(
    'tkhd',
    0,
    zeros(8),
    be32(1), // track id
    zeros(4),
    be32(duration),
    zeros(8),
    be16(0),
    be16(0),
    be16(0x0100),
    zeros(2),
    unityMatrix(),
    zeros(8),
  );
  const mdhd = fullBox(
    'mdhd',
    0,
    zeros(8),
    be32(sampleRate),
    be32(duration),
    be16(0x55c4), // language "und"
    zeros(2),
  );
  const hdlr = fullBox('hdlr', 0, zeros(4), ascii('soun'), zeros(12), ascii('Sound\0'));
  const stsd = fullBox('stsd', 0, be32(1), mp4a(channels, sampleRate));
  const stbl = box(
    'stbl',
    stsd,
    fullBox('stts', 0, be32(1), be32(frames), be32(1024)),
    fullBox('stsc', 0, be32(1), be32(1), be32(frames), be32(1)),
    fullBox('stsz', 0, be32(frameBytes), be32(frames)),
    fullBox('stco', 0, be32(1), be32(chunkOffset)),
  );
  const dinf = box('dinf', fullBox('dref', 0, be32(1), fullBox('url ', 0)));
  const minf = box('minf', fullBox('smhd', 0, zeros(4)), dinf, stbl);
  return box('moov', mvhd, box('trak', tkhd, box('mdia', mdhd, hdlr, minf)));
}

/** An AAC sample entry with its esds: AAC-LC at the given rate and channel count. */
function mp4a(channels: number, sampleRate: number): Uint8Array {
  const rateIndex = [
    96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000,
  ].indexOf(sampleRate);
  // AudioSpecificConfig: object type 2 (5 bits), rate index (4), channel configuration (4), 3 zero bits.
  const config = ((2 << 11) | (rateIndex << 7) | (channels << 3)) & 0xffff;
  const decoderSpecific = Uint8Array.from([0x05, 2, config >> 8, config & 0xff]);
  const decoderConfig = concat(
    Uint8Array.from([0x04, 13 + decoderSpecific.length, 0x40, 0x15]),
    zeros(3), // buffer size
    be32(64000),
    be32(64000),
    decoderSpecific,
  );
  const slConfig = Uint8Array.from([0x06, 1, 2]);
  const esDescriptor = concat(
    Uint8Array.from([0x03, 3 + decoderConfig.length + slConfig.length, 0, 1, 0]),
    decoderConfig,
    slConfig,
  );
  return box(
    'mp4a',
    zeros(6),
    be16(1), // data reference index
    zeros(8),
    be16(channels),
    be16(16),
    zeros(4),
    be32(sampleRate << 16),
    fullBox('esds', 0, esDescriptor),
  );
}

function unityMatrix(): Uint8Array {
  return concat(be32(0x00010000), zeros(12), be32(0x00010000), zeros(12), be32(0x40000000));
}
