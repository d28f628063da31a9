/**
 * Where a probe reads a recording from: an open file (a FileHandle is one), or the bytes of a
 * small recording read whole already (see bytesSource).
 */
export interface ByteSource {
  read(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): Promise<{ readonly bytesRead: number }>;
}

/** Bytes already in memory as a ByteSource: reads copy from them, as a file's would. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    read: (buffer, offset, length, position) => {
      const part = bytes.subarray(position, position + length);
      buffer.set(part, offset);
      return Promise.resolve({ bytesRead: part.length });
    },
  };
}

/** Reads up to `length` bytes at `position`; fewer when the file ends first. */
export async function readAt(
  file: ByteSource,
  position: number,
  length: number,
): Promise<Uint8Array> {
  const bytes = new Uint8Array(Math.max(0, length));
  let filled = 0;
  while (filled < bytes.length) {
    const { bytesRead } = await file.read(bytes, filled, bytes.length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return bytes.subarray(0, filled);
}

/** Bytes as Latin-1 text, one character per byte: for magic numbers and chunk ids. */
export function latin1(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

/** Four bytes as text, e.g. a RIFF chunk id or an Ogg capture pattern. */
export function fourCc(bytes: Uint8Array, offset: number): string {
  return latin1(bytes, offset, 4);
}
