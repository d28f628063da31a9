import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/** The largest sidecar read: call details take a few KiB. */
export const MAX_SIDECAR_BYTES = 1024 * 1024;

/** A sidecar's text; nothing when there is none; or why it was not read. */
export type SidecarText =
  | { readonly kind: 'absent' }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * Reads a sidecar's text. Refuses, with a reason in plain words, what is not a regular file (a
 * folder, a pipe: opened without waiting for a writer) or is larger than MAX_SIDECAR_BYTES.
 */
export async function readSidecarText(path: string): Promise<SidecarText> {
  let file: FileHandle;
  try {
    // O_NONBLOCK: opening a named pipe must not wait for someone to write into it.
    file = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A recording whose name is near the system's limit cannot have a longer-named sidecar.
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG')
      return { kind: 'absent' };
    return { kind: 'refused', reason: `could not be read (${systemReason(error)})` };
  }
  try {
    const stats = await file.stat();
    if (!stats.isFile())
      return { kind: 'refused', reason: 'is not a file (a folder, pipe or device)' };
    if (stats.size > MAX_SIDECAR_BYTES) return tooLarge(stats.size);
    const bytes = await readUpTo(file, MAX_SIDECAR_BYTES + 1);
    if (bytes.length > MAX_SIDECAR_BYTES) return tooLarge(bytes.length);
    return { kind: 'text', text: new TextDecoder('utf-8').decode(bytes) };
  } catch (error) {
    return { kind: 'refused', reason: `could not be read (${systemReason(error)})` };
  } finally {
    await file.close();
  }
}

function tooLarge(size: number): SidecarText {
  const reason = `is ${size.toLocaleString('en-US')} bytes or more, over the ${MAX_SIDECAR_BYTES.toLocaleString('en-US')} a sidecar may have`;
  return { kind: 'refused', reason };
}

async function readUpTo(file: FileHandle, limit: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(limit);
  let filled = 0;
  while (filled < limit) {
    const { bytesRead } = await file.read(bytes, filled, limit - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return bytes.subarray(0, filled);
}

/** "EACCES: permission denied", without the path the system adds. */
function systemReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/, \w+ '.*'$/s, '');
}
