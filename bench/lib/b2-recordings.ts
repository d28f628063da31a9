import { utimes } from 'node:fs/promises';
import { writeSparseWav } from '../../test/fixtures/audio.ts';

/**
 * Writes one big sparse stereo 16-bit 8 kHz WAV holding `dataBytes` of audio (see
 * writeSparseWav), dated a minute back, so the watcher takes it as finished at once.
 * Answers the file's size.
 */
export async function writeBigWav(path: string, dataBytes: number): Promise<number> {
  const size = await writeSparseWav(path, dataBytes);
  const past = new Date(Date.now() - 60_000);
  await utimes(path, past, past);
  return size;
}
