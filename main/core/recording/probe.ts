import { constants, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import type { Problem } from '../problem.ts';
import type { AudioFacts, Container } from './audio-facts.ts';
import type { ContainerReader } from './container-probe.ts';
import { extensionProblem } from './extension.ts';
import { probeMp3 } from './mp3.ts';
import { probeMp4 } from './mp4.ts';
import { probeOgg } from './ogg.ts';
import { bytesSource, readAt, type ByteSource } from './read-at.ts';
import { describeContent, sniffContainer, SNIFF_BYTES } from './sniff.ts';
import { probeWav } from './wav.ts';
import type { WholeRecording } from './whole-recording.ts';

/** What a recording is, as far as its headers tell, and what stops it from being delivered. */
export interface ProbeResult {
  readonly sizeBytes: number;
  /** Absent when no audio facts could be read. */
  readonly audio?: AudioFacts;
  readonly problems: readonly Problem[];
}

const READERS: Readonly<Record<Container, ContainerReader>> = {
  wav: probeWav,
  rf64: probeWav,
  mp3: probeMp3,
  ogg: probeOgg,
  mp4: probeMp4,
};

/** Reads a recording's header (never the whole file) and says what it is and what is wrong with it. */
export async function probeRecording(path: string): Promise<ProbeResult> {
  let file: FileHandle;
  try {
    // O_NONBLOCK: opening a named pipe must not wait for someone to write into it.
    file = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return unreadable(0, error);
  }
  let sizeBytes = 0;
  try {
    const before = await file.stat();
    sizeBytes = before.size;
    if (!before.isFile()) {
      const message =
        'this is a folder, pipe or device, not a recording: point the watched folder at the recordings';
      return { sizeBytes, problems: [{ code: 'unreadable', message }] };
    }
    const result = await probeOpenFile(path, file, sizeBytes);
    return changedWhileRead(before, await file.stat()) ?? result;
  } catch (error) {
    return unreadable(sizeBytes, error);
  } finally {
    await file.close();
  }
}

/**
 * What probeRecording would say of a recording read whole already (a regular file): its
 * headers are read from memory, not from the file again.
 */
export async function probeWholeRecording(
  path: string,
  whole: WholeRecording,
): Promise<ProbeResult> {
  const changed = changedWhileRead(whole.before, whole.after);
  if (changed) return changed;
  return probeOpenFile(path, bytesSource(whole.bytes), whole.before.size);
}

/** The problem of a file whose size or time moved while it was read, if they did. */
function changedWhileRead(before: Stats, after: Stats): ProbeResult | undefined {
  if (after.size === before.size && after.mtimeMs === before.mtimeMs) return undefined;
  // What was read may mix old and new bytes: say only that the file is still changing.
  const message =
    'the file changed while it was being read: the recorder is still writing it; wait until the call ends';
  return { sizeBytes: after.size, problems: [{ code: 'incomplete', message }] };
}

async function probeOpenFile(
  path: string,
  file: ByteSource,
  sizeBytes: number,
): Promise<ProbeResult> {
  if (sizeBytes === 0) {
    const message =
      'the file is empty (0 bytes): the recorder saved no audio, or is about to write it; check the recorder';
    return { sizeBytes, problems: [{ code: 'empty', message }] };
  }
  const head = await readAt(file, 0, SNIFF_BYTES);
  const container = sniffContainer(head);
  if (!container) {
    const message = `the file is not audio: it looks like ${describeContent(head)}. Check what writes files into the recordings folder`;
    return { sizeBytes, problems: [{ code: 'not-audio', message }] };
  }
  const found = await READERS[container]({ path, file, sizeBytes, head });
  const mismatch = extensionProblem(
    path,
    found.audio?.container ?? container,
    found.audio?.codec ?? 'unknown',
  );
  return {
    sizeBytes,
    ...(found.audio ? { audio: found.audio } : {}),
    problems: mismatch ? [...found.problems, mismatch] : found.problems,
  };
}

/** The problem for a file the system will not let us read, with the system's reason. */
function unreadable(sizeBytes: number, error: unknown): ProbeResult {
  if (!isSystemError(error)) throw error;
  // "ENOENT: no such file or directory, open '/path'" → "ENOENT: no such file or directory"
  const reason = error.message.replace(/, \w+ '.*'$/s, '');
  const message = `the file cannot be read (${reason}): check that it still exists and that Call Courier may read it`;
  return { sizeBytes, problems: [{ code: 'unreadable', message }] };
}

/** True for errors the operating system raised (they carry a code such as ENOENT or EACCES). */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    'syscall' in error
  );
}
