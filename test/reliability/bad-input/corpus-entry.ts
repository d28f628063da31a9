// What a corpus entry is, and the helpers the entry lists share.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProblemCode } from '../../../main/core/problem.ts';
import { wavBytes } from '../../fixtures/audio.ts';

/** What must become of an entry. */
export type Expected =
  /**
   * A `failed` row with this problem code and a reason in plain words matching the pattern;
   * `rejected` when the platform refuses it (Call Courier lets it try, with a warning).
   */
  | {
      readonly outcome: 'failed';
      readonly code: ProblemCode | 'rejected';
      readonly reason: RegExp;
      readonly warning?: RegExp;
    }
  /** No row at all: a rule says such files are not recordings (hidden, partial, not a file). */
  | { readonly outcome: 'ignored'; readonly rule: string }
  /** Delivered as it is; with a warning matching `warning`, and none matching `without`. */
  | { readonly outcome: 'delivered'; readonly warning?: RegExp; readonly without?: RegExp };

/** One broken or hostile input. */
export interface CorpusEntry {
  /** What is wrong with it, in a few words. */
  readonly kind: string;
  /** How it is made. */
  readonly made: string;
  /** The recording's file name in the watch folder (unique in the corpus). */
  readonly name: string;
  /** Writes the recording (and its sidecar, if any) into a folder. */
  readonly write: (folder: string) => Promise<void>;
  readonly expected: Expected;
  /**
   * Set when the right outcome needs a fix in code this suite may not change: where, and what.
   * Such entries are left out of the corpus tests (CORPUS_TODAY) and need a failing test of
   * their own until fixed. None is left today.
   */
  readonly weakness?: string;
}

let toneCount = 0;

/**
 * A good quarter-second stereo WAV, different every call (its first samples carry a count), so
 * that no two good recordings are the same content: the queue would skip the second as a copy.
 */
export function goodWav(): Uint8Array {
  toneCount += 1;
  const bytes = Uint8Array.from(wavBytes({ channels: 2, sampleRate: 8000, seconds: 0.25 }));
  new DataView(bytes.buffer).setUint32(44, toneCount, true);
  return bytes;
}

/** A name Ender Turing reads (date_time_agent_client_direction_channel), unique by `client`. */
export function etName(client: number, extension = 'wav'): string {
  return `20240401_1520_Agent7_${client}_IN_0.${extension}`;
}

/** An entry whose recording is `bytes()` under `name`. */
export function fileEntry(
  entry: Omit<CorpusEntry, 'write'> & { readonly bytes: () => Uint8Array | string },
): CorpusEntry {
  const { bytes, ...rest } = entry;
  return { ...rest, write: (folder) => writeFile(join(folder, entry.name), bytes()) };
}
