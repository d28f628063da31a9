import type { Problem } from '../problem.ts';
import { formatBytes } from './container-probe.ts';
import type { Mp4Box } from './mp4-boxes.ts';
import { type ByteSource, fourCc, readAt } from './read-at.ts';

/** The largest index (moov box) read into memory: a day-long call's is about 16 MiB. */
const MAX_INDEX_BYTES = 64 * 1024 * 1024;
/** The most boxes an index may hold: real ones have a few dozen; millions take minutes to walk. */
const MAX_INDEX_BOXES = 4096;

/** The boxes the format library walks into (ilst's children are containers too). */
const CONTAINERS: ReadonlySet<string> = new Set([
  'moov',
  'trak',
  'mdia',
  'minf',
  'stbl',
  'udta',
  'edts',
  'dinf',
  'tref',
  'moof',
  'traf',
  'mvex',
  'meta',
  'ilst',
]);

const FRESH_COPY = 'the file is damaged; take a fresh copy from the recorder';

/**
 * The index (moov box) of an MP4 file, read into memory once it is known to be of a sane size
 * and shape, so that the format library reads only it; or the problem that stops it being read.
 */
export async function readMp4Index(
  file: ByteSource,
  moov: Mp4Box,
  fileSize: number,
): Promise<{ readonly bytes: Uint8Array } | { readonly problem: Problem }> {
  const declared = moov.end - moov.offset;
  if (declared > MAX_INDEX_BYTES) {
    const message = `the MP4 file's index (moov box) declares ${formatBytes(declared)} bytes, more than a call recording's ever needs: ${FRESH_COPY}`;
    return { problem: { code: 'corrupt', message } };
  }
  const bytes = await readAt(file, moov.offset, Math.min(moov.end, fileSize) - moov.offset);
  if (countBoxes(bytes, moov.bodyOffset - moov.offset) > MAX_INDEX_BOXES) {
    const message = `the MP4 file's index holds more than ${formatBytes(MAX_INDEX_BOXES)} boxes, where a recording's has a few dozen: ${FRESH_COPY}`;
    return { problem: { code: 'corrupt', message } };
  }
  return { bytes };
}

/** Counts the boxes inside the containers of an index in memory, stopping once past the limit. */
function countBoxes(index: Uint8Array, bodyOffset: number): number {
  const view = new DataView(index.buffer, index.byteOffset, index.byteLength);
  const ranges: { start: number; end: number; children: boolean }[] = [
    { start: bodyOffset, end: index.length, children: false },
  ];
  let count = 0;
  for (let range = ranges.pop(); range && count <= MAX_INDEX_BOXES; range = ranges.pop()) {
    for (let at = range.start; at + 8 <= range.end && count <= MAX_INDEX_BOXES;) {
      const size32 = view.getUint32(at, false);
      const large = size32 === 1 && at + 16 <= range.end;
      const size = large
        ? Number(view.getBigUint64(at + 8, false))
        : size32 === 0
          ? range.end - at
          : size32;
      if (size < 8) break;
      count += 1;
      const type = fourCc(index, at + 4);
      if (range.children || CONTAINERS.has(type)) {
        const body = at + (large ? 16 : 8);
        // meta is a full box: its children start after 4 bytes of version and flags, unless a
        // writer left those out (the children then start with hdlr at once).
        const skip = type === 'meta' && fourCc(index, body + 4) !== 'hdlr' ? 4 : 0;
        const end = Math.min(at + size, range.end);
        ranges.push({ start: body + skip, end, children: type === 'ilst' });
      }
      at += size;
    }
  }
  return count;
}
