import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { distinctWav, enderTuringName } from './recordings.ts';

/** How many pieces the recorder writes a call in, as a recorder appends audio during the call. */
const PIECES = 8;

/**
 * Plays a call recorder: creates the call's WAV in `dir`, writes it in pieces, closes it, and
 * answers performance.now() just after the close, when the recording is complete.
 */
export async function recordCall(dir: string, index: number, bytes: number): Promise<number> {
  const content = distinctWav(bytes, index);
  const file = await open(join(dir, enderTuringName(index)), 'w');
  try {
    const piece = Math.ceil(content.length / PIECES);
    for (let at = 0; at < content.length; at += piece) {
      await file.write(content, at, Math.min(piece, content.length - at));
    }
  } finally {
    await file.close();
  }
  return performance.now();
}
