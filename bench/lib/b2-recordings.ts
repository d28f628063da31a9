import { open, utimes } from 'node:fs/promises';
import { wavBytes } from '../../test/fixtures/audio.ts';

/** The canonical WAV header wavBytes writes for PCM: RIFF, fmt (16 bytes) and data headers. */
const WAV_HEADER_BYTES = 44;

/**
 * Writes one big stereo 16-bit 8 kHz WAV holding `dataBytes` of audio (under 4 GiB, the WAV
 * limit) without writing the audio: the header, then the file is extended to its full size,
 * so the audio reads as silence. The file is sparse, but reading it still goes through every
 * byte, as an upload does. Dated a minute back, so the watcher takes it as finished at once.
 * Answers the file's size.
 */
export async function writeBigWav(path: string, dataBytes: number): Promise<number> {
  const header = Buffer.from(wavBytes({ channels: 2, sampleRate: 8000, seconds: 0 }));
  header.writeUInt32LE(WAV_HEADER_BYTES - 8 + dataBytes, 4);
  header.writeUInt32LE(dataBytes, WAV_HEADER_BYTES - 4);
  const file = await open(path, 'w');
  try {
    await file.write(header.subarray(0, WAV_HEADER_BYTES));
    await file.truncate(WAV_HEADER_BYTES + dataBytes);
  } finally {
    await file.close();
  }
  const past = new Date(Date.now() - 60_000);
  await utimes(path, past, past);
  return WAV_HEADER_BYTES + dataBytes;
}
