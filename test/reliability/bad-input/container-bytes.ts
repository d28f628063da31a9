// Recordings built byte by byte, so that a test shows exactly what it feeds the probe and can
// break any header at any place. WAV comes from test/fixtures/audio.ts; MP3, Ogg/Opus and
// MP4 are made here: valid enough for the probe and its library, with silent (zero) audio.

/** The bytes of an ASCII (Latin-1) string. */
export function ascii(text: string): Uint8Array {
  return Uint8Array.from([...text].map((c) => c.charCodeAt(0) & 0xff));
}

/** Joins byte arrays. */
export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  return joined(parts);
}

/** Joins a list of byte arrays, however long. */
export function joined(parts: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

export function be32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value >>> 0, false);
  return bytes;
}

export function be16(value: number): Uint8Array {
  const bytes = new Uint8Array(2);
  new DataView(bytes.buffer).setUint16(0, value, false);
  return bytes;
}

// ---- RF64 ----

/**
 * A small RF64 recording (the WAV variant for files over 4 GiB): its 32-bit sizes are
 * 0xFFFFFFFF and the real ones are in the ds64 chunk, as Broadcast WAV writers make it.
 */
export function rf64Bytes(spec: {
  channels: number;
  sampleRate: number;
  seconds: number;
}): Uint8Array {
  const { channels, sampleRate } = spec;
  const dataBytes = Math.round(spec.seconds * sampleRate) * 2 * channels;
  const fmt = new Uint8Array(16);
  const f = new DataView(fmt.buffer);
  f.setUint16(0, 1, true);
  f.setUint16(2, channels, true);
  f.setUint32(4, sampleRate, true);
  f.setUint32(8, sampleRate * 2 * channels, true);
  f.setUint16(12, 2 * channels, true);
  f.setUint16(14, 16, true);
  const ds64 = new Uint8Array(28);
  const d = new DataView(ds64.buffer);
  d.setBigUint64(0, BigInt(4 + 8 + 28 + 8 + 16 + 8 + dataBytes), true);
  d.setBigUint64(8, BigInt(dataBytes), true);
  d.setBigUint64(16, BigInt(dataBytes / (2 * channels)), true);
  const unset = Uint8Array.from([0xff, 0xff, 0xff, 0xff]);
  return concat(
    ascii('RF64'),
    unset,
    ascii('WAVE'),
    ascii('ds64'),
    le32(28),
    ds64,
    ascii('fmt '),
    le32(16),
    fmt,
    ascii('data'),
    unset,
    new Uint8Array(dataBytes),
  );
}

// ---- MP3 ----

/** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no CRC: 417-byte frames of 1,152 samples. */
const MP3_STEREO_HEADER = [0xff, 0xfb, 0x90, 0x00];
const MP3_FRAME_BYTES = 417;
/** Where the Xing/Info header sits in a stereo MPEG-1 frame: after the header and 32 bytes of side info. */
const XING_AT = 4 + 32;

/** An MP3 layout to build. */
export interface Mp3Spec {
  /** Audio frames after the Info frame. */
  readonly frames: number;
  /** An ID3v2.4 tag of this many body bytes in front (none when absent). */
  readonly id3Bytes?: number;
  /** Write a LAME-style "Info" frame stating the frame and byte counts. */
  readonly info?: boolean;
  /** Make the Info header state this many frames, whatever follows. */
  readonly declaredFrames?: number;
}

/** A stereo MP3 of silent frames, optionally behind an ID3v2 tag and with an Info header. */
export function mp3Bytes(spec: Mp3Spec): Uint8Array {
  const frame = (): Uint8Array => {
    const bytes = new Uint8Array(MP3_FRAME_BYTES);
    bytes.set(MP3_STEREO_HEADER, 0);
    return bytes;
  };
  const frames = Array.from({ length: spec.frames }, frame);
  const parts: Uint8Array[] = [];
  if (spec.id3Bytes !== undefined) parts.push(id3Tag(spec.id3Bytes));
  if (spec.info ?? true) {
    const info = frame();
    const declared = spec.declaredFrames ?? spec.frames;
    info.set(ascii('Info'), XING_AT);
    info.set(be32(3), XING_AT + 4); // frames and bytes present
    info.set(be32(declared), XING_AT + 8);
    info.set(be32((declared + 1) * MP3_FRAME_BYTES), XING_AT + 12);
    parts.push(info);
  }
  return joined([...parts, ...frames]);
}

/** An ID3v2.4 tag header declaring `bodyBytes` (as four 7-bit bytes), followed by that many zeros. */
export function id3Tag(bodyBytes: number, body = new Uint8Array(bodyBytes)): Uint8Array {
  const size = [21, 14, 7, 0].map((shift) => (bodyBytes >>> shift) & 0x7f);
  return concat(Uint8Array.from([...ascii('ID3'), 4, 0, 0, ...size]), body);
}

// ---- Ogg/Opus ----

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let crc = n << 24;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  return crc >>> 0;
});

function oggCrc(page: Uint8Array): number {
  let crc = 0;
  for (const byte of page)
    crc = ((crc << 8) ^ (CRC_TABLE[((crc >>> 24) ^ byte) & 0xff] ?? 0)) >>> 0;
  return crc;
}

/** One Ogg page holding one packet (under 255 × 255 bytes), with its checksum. */
export function oggPage(
  packet: Uint8Array,
  page: { sequence: number; granule: bigint; flags: number; serial?: number },
): Uint8Array {
  const lacing: number[] = [];
  let left = packet.length;
  while (left >= 255) {
    lacing.push(255);
    left -= 255;
  }
  lacing.push(left);
  const header = new Uint8Array(27 + lacing.length);
  const view = new DataView(header.buffer);
  header.set(ascii('OggS'), 0);
  view.setUint8(5, page.flags);
  view.setBigInt64(6, page.granule, true);
  view.setUint32(14, page.serial ?? 0x43414c4c, true);
  view.setUint32(18, page.sequence, true);
  view.setUint8(26, lacing.length);
  header.set(lacing, 27);
  const bytes = concat(header, packet);
  new DataView(bytes.buffer).setUint32(22, oggCrc(bytes), true);
  return bytes;
}

/** An Ogg/Opus stream layout to build. */
export interface OpusSpec {
  readonly channels: number;
  /** Audio pages of 20 ms packets; 50 make a second. */
  readonly audioPages: number;
  /** Leave out the end-of-stream flag, as a recorder still writing does. */
  readonly open?: boolean;
}

const OPUS_PRE_SKIP = 312;

/** An Ogg/Opus recording: OpusHead, OpusTags, then one 20 ms packet per page. */
export function opusBytes(spec: OpusSpec): Uint8Array {
  const head = new Uint8Array(19);
  const view = new DataView(head.buffer);
  head.set(ascii('OpusHead'), 0);
  view.setUint8(8, 1);
  view.setUint8(9, spec.channels);
  view.setUint16(10, OPUS_PRE_SKIP, true);
  view.setUint32(12, 8000, true);
  const vendor = ascii('call-courier test');
  const tags = concat(ascii('OpusTags'), le32(vendor.length), vendor, le32(0));
  const pages = [
    oggPage(head, { sequence: 0, granule: 0n, flags: 0x02 }),
    oggPage(tags, { sequence: 1, granule: 0n, flags: 0 }),
  ];
  for (let i = 0; i < spec.audioPages; i++) {
    const last = i === spec.audioPages - 1;
    // TOC 0x7c: CELT-only fullband 20 ms, one frame (stereo flag by channel count); then silence.
    const packet = Uint8Array.from([spec.channels === 2 ? 0xfc : 0xf8, 0xff, 0xfe]);
    pages.push(
      oggPage(packet, {
        sequence: 2 + i,
        granule: BigInt(OPUS_PRE_SKIP + (i + 1) * 960),
        flags: last && !spec.open ? 0x04 : 0,
      }),
    );
  }
  return joined(pages);
}

function le32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value, true);
  return bytes;
}
