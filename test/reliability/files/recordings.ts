// Recordings and checks shared by the file-system and watching fault tests.
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { EnderTuringEmulator } from '../../emulators/enderturing/enderturing-emulator.ts';
import { wavBytes } from '../../fixtures/audio.ts';

/**
 * A good stereo WAV of `seconds` whose first sample carries `n`, so that every `n` is other
 * content; with the same `n`, a shorter one is the start of a longer one (bar the header's
 * sizes), as a recording is of itself while it is written.
 */
export function uniqueWav(n: number, seconds = 0.25): Buffer {
  const bytes = Buffer.from(wavBytes({ channels: 2, sampleRate: 8000, seconds }));
  bytes.writeUInt32LE(n, 44);
  return bytes;
}

/** A name Ender Turing reads (date_time_agent_client_direction_channel), unique by `n`. */
export function callName(n: number): string {
  return `20240401_1520_Agent7_${n}_IN_0.wav`;
}

/** The hex SHA-256 of some bytes. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What a test counts: files written, faults injected, and what was lost or sent twice. */
export interface Tally {
  readonly files: number;
  readonly faults: number;
  readonly lost: number;
  readonly duplicates: number;
}

/**
 * Checks that the platform holds each expected recording (file name → content hash) exactly
 * once and whole, and received nothing else; answers the tally of lost and duplicated files.
 */
export function expectDeliveredOnce(
  emulator: EnderTuringEmulator,
  expected: ReadonlyMap<string, string>,
  faults: number,
): Tally {
  const received = new Map<string, number>();
  for (const upload of emulator.uploads) {
    const key = `${upload.fileName}\n${upload.sha256}`;
    received.set(key, (received.get(key) ?? 0) + 1);
  }
  let lost = 0;
  let duplicates = 0;
  for (const [name, hash] of expected) {
    const count = received.get(`${name}\n${hash}`) ?? 0;
    if (count === 0) lost += 1;
    if (count > 1) duplicates += count - 1;
  }
  const unexpected = emulator.uploads.filter((u) => expected.get(u.fileName) !== u.sha256);
  expect(unexpected.map((u) => u.fileName)).toEqual([]);
  expect({ lost, duplicates }).toEqual({ lost: 0, duplicates: 0 });
  expect(emulator.uploads).toHaveLength(expected.size);
  return { files: expected.size, faults, lost, duplicates };
}
