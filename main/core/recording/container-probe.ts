import type { Problem } from '../problem.ts';
import type { AudioFacts } from './audio-facts.ts';
import type { ByteSource } from './read-at.ts';

/** An open recording as each container reader receives it. */
export interface OpenRecording {
  readonly path: string;
  readonly file: ByteSource;
  readonly sizeBytes: number;
  /** The first bytes of the file (up to SNIFF_BYTES). */
  readonly head: Uint8Array;
}

/** What one container reader found: the audio facts it could read, and what is wrong. */
export interface ContainerProbe {
  readonly audio?: AudioFacts;
  readonly problems: readonly Problem[];
}

/** Reads one container's facts from an open recording; reports bad files as problems, never throws for them. */
export type ContainerReader = (recording: OpenRecording) => Promise<ContainerProbe>;

/** A byte count as people read it: 5,368,709,120. */
export function formatBytes(bytes: number): string {
  return bytes.toLocaleString('en-US');
}
