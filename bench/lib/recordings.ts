import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { wavBytes } from '../../test/fixtures/audio.ts';

/** One MiB: the size of a backlog recording. */
export const MIB = 1024 * 1024;
/** Bytes of the canonical 44-byte WAV header that writeWav puts before the samples. */
const WAV_HEADER_BYTES = 44;
/** 16-bit stereo at 8 kHz: four bytes per sample frame. */
const FRAME_BYTES = 4;

/**
 * A recording name Ender Turing reads the call details from, different for every `index`:
 * date_time_agent_client_direction_agentChannel, e.g. 20240131_2059_Agent99_12345678_IN_0.wav.
 */
export function enderTuringName(index: number, extension = 'wav'): string {
  const day = String(1 + (index % 28)).padStart(2, '0');
  const hour = String(Math.floor(index / 60) % 24).padStart(2, '0');
  const minute = String(index % 60).padStart(2, '0');
  const agent = `Agent${index % 40}`;
  const client = `38099${String(index).padStart(7, '0')}`;
  const direction = ['IN', 'OUT', 'INTERNAL'][index % 3] ?? 'IN';
  return `202401${day}_${hour}${minute}_${agent}_${client}_${direction}_${index % 2}.${extension}`;
}

/**
 * The bytes of a stereo 16-bit 8 kHz WAV of about `bytes` (a whole number of frames), whose
 * first samples carry `index` so that no two recordings have the same content.
 */
export function distinctWav(bytes: number, index: number, template?: Uint8Array): Buffer {
  const frames = Math.max(2, Math.floor((bytes - WAV_HEADER_BYTES) / FRAME_BYTES));
  const base = template ?? wavBytes({ channels: 2, sampleRate: 8000, seconds: frames / 8000 });
  const copy = Buffer.from(base);
  copy.writeUInt32LE(index >>> 0, WAV_HEADER_BYTES);
  return copy;
}

/** Writes `count` distinct stereo WAVs of about `bytes` each into `dir`, named by enderTuringName; answers their paths. */
export async function writeRecordings(
  dir: string,
  count: number,
  bytes = MIB,
  firstIndex = 0,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const template = distinctWav(bytes, 0);
  const paths: string[] = [];
  for (let i = firstIndex; i < firstIndex + count; i += 1) {
    const path = join(dir, enderTuringName(i));
    template.writeUInt32LE(i >>> 0, WAV_HEADER_BYTES);
    await writeFile(path, template);
    paths.push(path);
  }
  return paths;
}
