import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { WatchFolder } from '../../../main/core/settings/schema.ts';
import { RecordingWatcher } from '../../../main/core/watch/recording-watcher.ts';
import type {
  ReadyRecording,
  ReadySidecar,
  RecordingWatcherOptions,
  WatchProblem,
} from '../../../main/core/watch/watch-types.ts';

/** Long enough for a loaded CI machine; a passing wait resolves as soon as its event arrives. */
const WAIT_MS = 15_000;

/** A validated watch folder for tests: recursive, native events, one destination. */
export function folderAt(path: string, overrides: Partial<WatchFolder> = {}): WatchFolder {
  return {
    path,
    recursive: true,
    destinations: ['et'],
    timeZone: 'UTC',
    usePolling: false,
    ...overrides,
  };
}

/** A fresh, empty sub-folder of the suite's temporary folder. */
export async function freshFolder(base: string, name: string): Promise<string> {
  const dir = join(base, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Writes a file of `bytes` zero bytes whose last change was `ageMs` ago. */
export async function writeAged(path: string, ageMs: number, bytes = 100): Promise<void> {
  await writeFile(path, Buffer.alloc(bytes));
  const when = new Date(Date.now() - ageMs);
  await utimes(path, when, when);
}

/** A watcher under test, with everything it said and ways to wait for what it will say. */
export interface WatchedRecordings {
  readonly watcher: RecordingWatcher;
  readonly ready: ReadyRecording[];
  readonly sidecars: ReadySidecar[];
  readonly errors: WatchProblem[];
  /** The reports for one file, in order. */
  readyFor(path: string): ReadyRecording[];
  /** The sidecar reports for one file, in order. */
  sidecarsFor(path: string): ReadySidecar[];
  /** Resolves with the first report (already made or still to come) that matches. */
  nextReady(match: (recording: ReadyRecording) => boolean): Promise<ReadyRecording>;
  /** Resolves with the first sidecar report (already made or still to come) that matches. */
  nextSidecar(match: (sidecar: ReadySidecar) => boolean): Promise<ReadySidecar>;
  /** Resolves with the first problem (already said or still to come) that matches. */
  nextError(match: (problem: WatchProblem) => boolean): Promise<WatchProblem>;
}

/** Creates a watcher (not started), records what it says, and closes it after the test. */
export function watchRecordings(
  folders: readonly WatchFolder[],
  options: Partial<RecordingWatcherOptions> = {},
): WatchedRecordings {
  const watcher = new RecordingWatcher(folders, { stableForSeconds: 1, ...options });
  onTestFinished(() => watcher.close());
  const ready: ReadyRecording[] = [];
  const sidecars: ReadySidecar[] = [];
  const errors: WatchProblem[] = [];
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };
  watcher.onReady((recording) => {
    ready.push(recording);
    wake();
  });
  watcher.onSidecar((sidecar) => {
    sidecars.push(sidecar);
    wake();
  });
  watcher.onError((problem) => {
    errors.push(problem);
    wake();
  });

  function waitFor<T>(what: string, find: () => T | undefined): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found === undefined) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(
            `timed out waiting for ${what}; reported: ${describe(ready, sidecars, errors)}`,
          ),
        );
      }, WAIT_MS);
      waiters.add(check);
      check();
    });
  }

  return {
    watcher,
    ready,
    sidecars,
    errors,
    readyFor: (path) => ready.filter((r) => r.path === path),
    sidecarsFor: (path) => sidecars.filter((s) => s.path === path),
    nextReady: (match) => waitFor('a recording', () => ready.find(match)),
    nextSidecar: (match) => waitFor('a sidecar', () => sidecars.find(match)),
    nextError: (match) => waitFor('a problem', () => errors.find(match)),
  };
}

/** Matches reports of one file (a recording or a sidecar), optionally with a given size. */
export function readyAt(path: string, sizeBytes?: number) {
  return (r: ReadyRecording | ReadySidecar): boolean =>
    r.path === path && (sizeBytes === undefined || r.sizeBytes === sizeBytes);
}

function describe(
  ready: readonly ReadyRecording[],
  sidecars: readonly ReadySidecar[],
  errors: readonly WatchProblem[],
): string {
  const list = (files: readonly ReadyRecording[]) =>
    files.map((f) => `${f.path} (${f.sizeBytes} B)`);
  return JSON.stringify({
    files: list(ready),
    sidecars: list(sidecars),
    errors: errors.map((e) => e.message),
  });
}
