import { type ByteSource, fourCc, readAt } from './read-at.ts';

/** Reads up to `length` bytes at `position`: from the file, or from an index already in memory. */
export type ByteReader = (position: number, length: number) => Promise<Uint8Array>;

/** A reader of an open file. */
export function fileReader(file: ByteSource): ByteReader {
  return (position, length) => readAt(file, position, length);
}

/** A reader of bytes in memory (position 0 is their first byte). */
export function memoryReader(bytes: Uint8Array): ByteReader {
  return async (position, length) =>
    bytes.subarray(Math.min(position, bytes.length), Math.min(position + length, bytes.length));
}

/** An ISO-BMFF box: its type, where its body starts, and where it ends as its size declares. */
export interface Mp4Box {
  readonly type: string;
  readonly offset: number;
  readonly bodyOffset: number;
  readonly end: number;
}

/** A sane limit on boxes at one level; real files have a handful. */
const MAX_BOXES = 1024;
/** Tracks looked into for the AAC channel count; a call has one or two. */
const MAX_TRACKS = 16;
/** Enough of a sample description table for its first entries and their esds. */
const MAX_STSD_BYTES = 4096;

/**
 * The box headers between `start` and `end`, read without their bodies. A box whose size is
 * under 8 bytes ends the list (it cannot be walked past); one may run past `end`.
 */
export async function listBoxes(read: ByteReader, start: number, end: number): Promise<Mp4Box[]> {
  const boxes: Mp4Box[] = [];
  for (let position = start; boxes.length < MAX_BOXES && position + 8 <= end;) {
    const header = await read(position, 16);
    if (header.length < 8) break;
    const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
    const size32 = view.getUint32(0, false);
    // Size 1: a 64-bit size follows the type; size 0: the box runs to the end of its parent.
    const large = size32 === 1 && header.length >= 16;
    const size = large
      ? Number(view.getBigUint64(8, false))
      : size32 === 0
        ? end - position
        : size32;
    const box = {
      type: fourCc(header, 4),
      offset: position,
      bodyOffset: position + (large ? 16 : 8),
      end: position + size,
    };
    boxes.push(box);
    if (size < 8) break;
    position = box.end;
  }
  return boxes;
}

/**
 * The channel count that the AAC decoder configuration (esds) of the first AAC track declares.
 * The sample entry's own channel count is not trusted: MP4 writers such as FFmpeg put 2 there
 * for mono. Undefined when there is no AAC track or it does not say.
 */
export async function aacChannels(read: ByteReader, moov: Mp4Box): Promise<number | undefined> {
  const traks = (await listBoxes(read, moov.bodyOffset, moov.end)).filter((b) => b.type === 'trak');
  for (const trak of traks.slice(0, MAX_TRACKS)) {
    const stsd = await descend(read, trak, ['mdia', 'minf', 'stbl', 'stsd']);
    if (!stsd) continue;
    const body = await read(stsd.bodyOffset, Math.min(stsd.end - stsd.bodyOffset, MAX_STSD_BYTES));
    const channels = esdsChannelsInStsd(body);
    if (channels !== undefined) return channels;
  }
  return undefined;
}

async function descend(
  read: ByteReader,
  box: Mp4Box,
  path: readonly string[],
): Promise<Mp4Box | undefined> {
  let current: Mp4Box | undefined = box;
  for (const type of path) {
    if (!current) return undefined;
    current = (await listBoxes(read, current.bodyOffset, current.end)).find((b) => b.type === type);
  }
  return current;
}

/** The channel configuration in the esds of the first 'mp4a' entry of a stsd body. */
function esdsChannelsInStsd(stsd: Uint8Array): number | undefined {
  const view = new DataView(stsd.buffer, stsd.byteOffset, stsd.byteLength);
  // stsd: version and flags (4), entry count (4), then sample entries as boxes.
  const entryAt = 8;
  if (stsd.length < entryAt + 36 || fourCc(stsd, entryAt + 4) !== 'mp4a') return undefined;
  const entryEnd = Math.min(entryAt + view.getUint32(entryAt, false), stsd.length);
  // The sound sample entry is 28 bytes after its header; QuickTime versions 1 and 2 add 16 and 36.
  const version = view.getUint16(entryAt + 16, false);
  let at = entryAt + 8 + 28 + (version === 1 ? 16 : version === 2 ? 36 : 0);
  while (at + 8 <= entryEnd) {
    const size = view.getUint32(at, false);
    if (size < 8) return undefined;
    if (fourCc(stsd, at + 4) === 'esds')
      return audioSpecificConfigChannels(stsd.subarray(at + 12, Math.min(at + size, entryEnd)));
    at += size;
  }
  return undefined;
}

/**
 * Walks the MPEG-4 descriptors of an esds body (ES_Descriptor, DecoderConfigDescriptor,
 * DecoderSpecificInfo) to the AudioSpecificConfig and returns its channel configuration.
 */
function audioSpecificConfigChannels(descriptors: Uint8Array): number | undefined {
  let at = 0;
  const readDescriptor = (): { tag: number; length: number } | undefined => {
    if (at >= descriptors.length) return undefined;
    const tag = descriptors[at++] ?? 0;
    let length = 0;
    for (let i = 0; i < 4 && at < descriptors.length; i++) {
      const byte = descriptors[at++] ?? 0;
      length = (length << 7) | (byte & 0x7f);
      if ((byte & 0x80) === 0) break;
    }
    return { tag, length };
  };
  for (let descriptor = readDescriptor(); descriptor; descriptor = readDescriptor()) {
    if (descriptor.tag === 0x03) {
      // ES_Descriptor: ES_ID (2), flags (1), then optional fields the flags announce.
      const flags = descriptors[at + 2] ?? 0;
      at += 3 + (flags & 0x80 ? 2 : 0);
      if (flags & 0x40) at += 1 + (descriptors[at] ?? 0);
      if (flags & 0x20) at += 2;
    } else if (descriptor.tag === 0x04) {
      at += 13; // objectTypeIndication, streamType, bufferSize, maxBitrate, avgBitrate
    } else if (descriptor.tag === 0x05) {
      return channelConfiguration(descriptors.subarray(at, at + descriptor.length));
    } else {
      at += descriptor.length;
    }
  }
  return undefined;
}

/** AudioSpecificConfig: object type (5 or 11 bits), rate index (4, or 4+24), channel config (4). */
function channelConfiguration(config: Uint8Array): number | undefined {
  let bit = 0;
  const read = (count: number): number => {
    let value = 0;
    for (let i = 0; i < count; i++, bit++)
      value = (value << 1) | (((config[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1);
    return value;
  };
  if (config.length < 2) return undefined;
  if (read(5) === 31) read(6);
  if (read(4) === 15) read(24);
  const channels = read(4);
  // 1-6 are that many channels, 7 is 7.1 (8); 0 means a program config element decides.
  return channels === 0 ? undefined : channels === 7 ? 8 : channels <= 6 ? channels : undefined;
}
