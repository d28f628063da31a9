import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * Up to this size intake reads a recording whole, once, and both probes and hashes it from
 * memory: a file read separately by the probe and the hash took some twelve trips to the
 * thread pool (two opens, fstats and closes, the probe's reads, the hash's reads), now five,
 * each a thread woken that competes with the upload's for a small machine's cores. A call
 * of several minutes in 8 kHz WAV fits; anything bigger is read a piece at a time as before.
 */
export const READ_WHOLE_MAX_BYTES = 4 * 1024 * 1024;

/** A recording read whole, with what the system said of it before and after the read. */
export interface WholeRecording {
  /** The file's bytes as read (fewer than `before.size` when it shrank meanwhile). */
  readonly bytes: Uint8Array;
  readonly before: Stats;
  readonly after: Stats;
  /** Gives the memory back for the next recording: `bytes` must not be used after. */
  release(): void;
}

/**
 * Buffers recordings were read into, kept for the next ones: a backlog reads hundreds in a
 * row, a few at a time, and a fresh one each time kept the garbage collector busy. One is
 * kept once intake is idle (trimSpareBuffers).
 */
const spares: Buffer[] = [];
const MAX_SPARES = 3;

/**
 * Reads a regular file of at most `maxBytes` whole (opened without waiting on a named pipe).
 * Undefined when it cannot be opened or read, is not a regular file or is bigger: the caller
 * then reads it the usual way, which says what is wrong with it in its own words.
 */
export async function readWholeRecording(
  path: string,
  maxBytes = READ_WHOLE_MAX_BYTES,
): Promise<WholeRecording | undefined> {
  const file = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)).catch(
    () => undefined,
  );
  if (file === undefined) return undefined;
  try {
    return await readOpenFile(file, maxBytes);
  } catch {
    return undefined;
  } finally {
    await file.close();
  }
}

async function readOpenFile(
  file: FileHandle,
  maxBytes: number,
): Promise<WholeRecording | undefined> {
  const before = await file.stat();
  if (!before.isFile() || before.size > maxBytes) return undefined;
  const fitting = spares.findIndex((spare) => spare.length >= before.size);
  const buffer =
    fitting === -1 ? bufferFor(before.size, maxBytes) : (spares.splice(fitting, 1)[0] as Buffer);
  let filled = 0;
  while (filled < before.size) {
    const { bytesRead } = await file.read(buffer, filled, before.size - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  const after = await file.stat();
  let released = false;
  return {
    bytes: buffer.subarray(0, filled),
    before,
    after,
    release: () => {
      if (released) return;
      released = true;
      spares.push(buffer);
      keepBiggestSpares(MAX_SPARES);
    },
  };
}

/**
 * Keeps one spare buffer, the biggest, once intake has nothing more to read: the others
 * served a burst of recordings read at once, and a quiet service does not need them.
 */
export function trimSpareBuffers(): void {
  keepBiggestSpares(1);
}

/** Drops all but the `count` biggest spare buffers. */
function keepBiggestSpares(count: number): void {
  spares.sort((a, b) => b.length - a.length);
  spares.length = Math.min(spares.length, count);
}

/** A buffer for `size` bytes, rounded up to a power of two (so that the next recording fits too). */
function bufferFor(size: number, maxBytes: number): Buffer {
  let length = 64 * 1024;
  while (length < size) length *= 2;
  return Buffer.allocUnsafeSlow(Math.max(size, Math.min(length, maxBytes)));
}
