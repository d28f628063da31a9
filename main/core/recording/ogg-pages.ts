import { type ByteSource, fourCc, latin1, readAt } from './read-at.ts';

/** The fields of an Ogg page header that the probe needs. */
export interface OggPage {
  readonly offset: number;
  readonly serial: number;
  /** Samples up to the last packet that ends on this page; -1 when none ends on it. */
  readonly granulePosition: bigint;
  /** The stream's last page (end-of-stream flag). */
  readonly endOfStream: boolean;
  /** Where its payload (the packets) starts. */
  readonly payloadOffset: number;
  readonly length: number;
}

/** How much of the end of the file to search: one page is at most 65,307 bytes. */
const TAIL_BYTES = 64 * 1024 + 512;
const NO_PACKET_ENDS = -1n;

/** The Ogg page starting at `offset` of `bytes`, if it is complete and its checksum is right. */
export function readOggPage(bytes: Uint8Array, offset: number): OggPage | undefined {
  if (offset + 27 > bytes.length || fourCc(bytes, offset) !== 'OggS' || bytes[offset + 4] !== 0)
    return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const segments = view.getUint8(offset + 26);
  if (offset + 27 + segments > bytes.length) return undefined;
  let payloadLength = 0;
  for (let i = 0; i < segments; i++) payloadLength += view.getUint8(offset + 27 + i);
  const length = 27 + segments + payloadLength;
  if (offset + length > bytes.length) return undefined;
  if (oggCrc(bytes.subarray(offset, offset + length)) !== view.getUint32(offset + 22, true))
    return undefined;
  return {
    offset,
    serial: view.getUint32(offset + 14, true),
    granulePosition: view.getBigInt64(offset + 6, true),
    endOfStream: (view.getUint8(offset + 5) & 0x04) !== 0,
    payloadOffset: offset + 27 + segments,
    length,
  };
}

/**
 * The last complete page of a logical stream, and the granule position of the last page on
 * which a packet ends, read from the end of the file. Undefined when the tail holds none.
 */
export async function readOggEnd(
  file: ByteSource,
  fileSize: number,
  serial: number,
): Promise<{ readonly lastPage: OggPage; readonly granulePosition?: bigint } | undefined> {
  const start = Math.max(0, fileSize - TAIL_BYTES);
  const tail = await readAt(file, start, fileSize - start);
  let lastPage: OggPage | undefined;
  for (let at = tail.length - 27; at >= 0; at--) {
    if (tail[at] !== 0x4f /* O */ || latin1(tail, at, 4) !== 'OggS') continue;
    const page = readOggPage(tail, at);
    if (!page || page.serial !== serial) continue;
    lastPage ??= page;
    if (page.granulePosition !== NO_PACKET_ENDS)
      return { lastPage, granulePosition: page.granulePosition };
  }
  return lastPage ? { lastPage } : undefined;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let crc = n << 24;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  return crc >>> 0;
});

/** Ogg's CRC-32 (polynomial 0x04C11DB7, not reflected) of a page, with its checksum field as zeros. */
function oggCrc(page: Uint8Array): number {
  let crc = 0;
  for (let i = 0; i < page.length; i++) {
    const byte = i >= 22 && i < 26 ? 0 : (page[i] ?? 0);
    crc = ((crc << 8) ^ (CRC_TABLE[((crc >>> 24) ^ byte) & 0xff] ?? 0)) >>> 0;
  }
  return crc;
}
