import { extname } from 'node:path';
import { RECORDING_EXTENSIONS } from '../recording/extension.ts';

/** Endings of files still being downloaded or copied. */
const PARTIAL_SUFFIXES: readonly string[] = ['.part', '.tmp', '.crdownload', '.filepart'];

/** The extension of a sidecar, in lower case. */
const SIDECAR_EXTENSION = '.json';

/** The two kinds of file a watch folder reports. */
export type WatchedFileKind = 'recording' | 'sidecar';

/** Folders the system keeps at a drive's or share's root; a recycle bin holds deleted recordings. */
const SYSTEM_FOLDERS: ReadonlySet<string> = new Set(['$recycle.bin', 'system volume information']);

/** Whether the name ends in a recording's extension, in any case. */
export function hasRecordingExtension(name: string): boolean {
  return RECORDING_EXTENSIONS.includes(extname(name).toLowerCase());
}

/** Whether a file or folder with this name is never looked at: hidden, temporary, partial or a system folder. */
export function isSkippedName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    name.startsWith('.') ||
    name.startsWith('~') ||
    PARTIAL_SUFFIXES.some((suffix) => lower.endsWith(suffix)) ||
    SYSTEM_FOLDERS.has(lower)
  );
}

/** Whether a file with this name may be a recording. */
export function isRecordingFileName(name: string): boolean {
  return !isSkippedName(name) && hasRecordingExtension(name);
}

/**
 * Whether a file with this name may be a sidecar: call details in JSON next to a recording
 * (`rec.wav.json` or `rec.json`). Which recording it belongs to is not judged here, as that
 * needs the folder's listing: every `.json` file that is not skipped is a candidate, and the
 * one that belongs to no recording is left for whoever receives it to pass over.
 */
export function isSidecarName(name: string): boolean {
  return !isSkippedName(name) && extname(name).toLowerCase() === SIDECAR_EXTENSION;
}

/** What a file with this name is to the watcher: a recording, a sidecar, or nothing it looks at. */
export function watchedFileKind(name: string): WatchedFileKind | undefined {
  if (isRecordingFileName(name)) return 'recording';
  if (isSidecarName(name)) return 'sidecar';
  return undefined;
}

/** Whether a file with this name is watched at all: a recording or a sidecar. */
export function isWatchedFileName(name: string): boolean {
  return watchedFileKind(name) !== undefined;
}

/** Whether a folder with this name is looked into; one named like a recording ("x.wav") is not. */
export function isWatchedFolderName(name: string): boolean {
  return !isSkippedName(name) && !hasRecordingExtension(name);
}
