import { stat } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import { checkRecording, type CheckResult } from '../check/check-recording.ts';
import { checkPlanFor, type CheckPlan } from '../check/destinations-for-file.ts';
import {
  READ_WHOLE_MAX_BYTES,
  readWholeRecording,
  type WholeRecording,
} from '../recording/whole-recording.ts';
import { ruleRefusal } from '../routing/destination-rule.ts';
import { isBlocking, type Problem } from '../problem.ts';
import type { Settings } from '../settings/schema.ts';
import type { EnqueueOptions } from '../store/enqueue-recording.ts';
import { ContentHashNeededError } from '../store/queue-errors.ts';
import type { QueueStore, RecordingRow } from '../store/queue-store.ts';
import { hashPending, PENDING_SHA256, type NewRecording } from '../store/recording-row.ts';
import { sha256Bytes, sha256File } from './content-hash.ts';

/**
 * From this size on, intake does not hash a recording that could be the copy of no other (no
 * row at its path, none of its size elsewhere): its upload hashes the bytes it sends, so the
 * file is read once instead of twice (2 GiB: 1.2–1.6 s less before the upload starts). Below
 * it the second read costs a few tens of milliseconds at most, and intake hashes at once, as
 * it always did: the queue then never has to wait for an upload to tell two recordings apart.
 */
export const HASHED_WHILE_SENT_FROM_BYTES = 64 * 1024 * 1024;

/** A file the watcher found finished. */
export interface ReadyFile {
  readonly path: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
}

/** What intake made of one file: its queue rows, and problems that did not stop it. */
export interface IntakeResult {
  readonly rows: readonly RecordingRow[];
  readonly warnings: readonly Problem[];
}

/**
 * The paths among `files` that every destination of the file already has in the queue with
 * this size and time (seen before, as by a restart's scan): intake would find nothing new in
 * them. One query for the whole batch.
 */
export function queuedAsIs(
  files: readonly ReadyFile[],
  settings: Settings,
  store: QueueStore,
): ReadonlySet<string> {
  // The watcher's paths are absolute and normal already (resolve() costs 1.5 µs a file).
  const asked = files.map((file) =>
    isAbsolute(file.path) ? file : { ...file, path: resolve(file.path) },
  );
  const holding = store.destinationsHolding(asked);
  const taken = new Set<string>();
  for (const [i, file] of files.entries()) {
    const held = holding.get(asked[i]?.path ?? '');
    if (held === undefined) continue;
    const destinations = checkPlanFor(settings, file.path).destinations;
    if (destinations.length > 0 && destinations.every((d) => held.has(d.id))) taken.add(file.path);
  }
  return taken;
}

function heldAsIs(file: ReadyFile, destinations: readonly string[], store: QueueStore): boolean {
  const path = resolve(file.path);
  const holding = store.destinationsHolding([{ ...file, path }]).get(path);
  return holding !== undefined && destinations.every((d) => holding.has(d));
}

/**
 * Turns a finished file into queue rows, one per destination of its folder: probes it,
 * reads its call details, hashes its content. A destination that would refuse the file
 * gets a `failed` row saying why; the others get `queued` rows.
 */
export async function intakeRecording(
  file: ReadyFile,
  settings: Settings,
  store: QueueStore,
): Promise<IntakeResult> {
  return enqueueExamined(await examineForIntake(file, settings, store), store);
}

/** What intake read of a file, ready to be queued (see enqueueExamined). */
export type ExaminedFile =
  | { readonly kind: 'nothing'; readonly result: IntakeResult }
  | {
      readonly kind: 'examined';
      readonly recording: NewRecording;
      readonly destinations: readonly string[];
      readonly options: EnqueueOptions;
    };

/**
 * The first half of intakeRecording: everything read from the file (probe, call details,
 * hash), nothing written. Several files may be examined at once; their halves that write
 * (enqueueExamined) then run one at a time, in the order the files were found.
 */
export async function examineForIntake(
  file: ReadyFile,
  settings: Settings,
  store: QueueStore,
): Promise<ExaminedFile> {
  const plan = checkPlanFor(settings, file.path);
  const destinations = plan.destinations.map((d) => d.id);
  if (destinations.length === 0) return { kind: 'nothing', result: { rows: [], warnings: [] } };
  // Seen before with the same size and time (a restart's scan): nothing to examine again.
  if (heldAsIs(file, destinations, store)) {
    return {
      kind: 'nothing',
      result: { rows: store.rowsForPath(resolve(file.path)), warnings: [] },
    };
  }
  const [checked, sha256] = await examine(file, plan);
  const blocking = checked.problems.filter(isBlocking);
  const warnings = checked.problems.filter((p) => !isBlocking(p));
  const skips = settings.profiles.flatMap((profile) => {
    if (!destinations.includes(profile.id)) return [];
    const message = ruleRefusal(profile.id, profile.when, checked.metadata);
    return message === null ? [] : [{ destination: profile.id, message }];
  });
  return {
    kind: 'examined',
    recording: {
      path: checked.file,
      fileName: basename(checked.file),
      sizeBytes: checked.sizeBytes,
      mtimeMs: file.mtimeMs,
      sha256,
      metadata: checked.metadata,
      audio: checked.audio,
    },
    destinations,
    options: { problems: blocking, warnings, skips },
  };
}

/** The second half of intakeRecording: the examined file's rows in the queue. */
export async function enqueueExamined(
  examined: ExaminedFile,
  store: QueueStore,
): Promise<IntakeResult> {
  if (examined.kind === 'nothing') return examined.result;
  const { recording, destinations, options } = examined;
  const rows = await enqueueComparable(store, recording, destinations, options);
  return { rows, warnings: options.warnings ?? [] };
}

/**
 * Probes the recording, reads its call details and hashes it: a small one from one read of
 * the whole file (see READ_WHOLE_MAX_BYTES), a big one from its header and, from
 * HASHED_WHILE_SENT_FROM_BYTES on, with the hash left to its upload.
 */
async function examine(file: ReadyFile, plan: CheckPlan): Promise<readonly [CheckResult, string]> {
  const check = (whole?: WholeRecording) =>
    checkRecording(file.path, plan.naming, plan.destinations, whole);
  if (file.sizeBytes >= HASHED_WHILE_SENT_FROM_BYTES) return [await check(), PENDING_SHA256];
  const whole =
    file.sizeBytes <= READ_WHOLE_MAX_BYTES ? await readWholeRecording(file.path) : undefined;
  if (whole === undefined) return Promise.all([check(), contentHash(file.path)]);
  try {
    const sha256 = sha256Bytes(whole.bytes);
    return [await check(whole), sha256];
  } finally {
    whole.release();
  }
}

/** The file's hex SHA-256; an unreadable file still gets a row (failed), keyed by its path alone. */
async function contentHash(path: string): Promise<string> {
  return (await sha256File(path).catch(() => '')) || `unreadable:${path}`;
}

/**
 * Enqueues the recording, first hashing whatever the queue needs to tell it apart from the
 * recordings it holds (see ContentHashNeededError): the recording itself when its hash was
 * left to the upload, and rows of its size whose uploads have not hashed them yet.
 */
async function enqueueComparable(
  store: QueueStore,
  recording: NewRecording,
  destinations: readonly string[],
  options: EnqueueOptions,
): Promise<readonly RecordingRow[]> {
  let current = recording;
  const pendingTried = new Set<number>();
  for (;;) {
    try {
      return store.enqueue(current, destinations, { ...options, pendingTried });
    } catch (error) {
      if (!(error instanceof ContentHashNeededError)) throw error;
      if (hashPending(current)) current = { ...current, sha256: await contentHash(current.path) };
      for (const row of error.pending) {
        pendingTried.add(row.id);
        await learnPendingHash(store, row);
      }
    }
  }
}

/**
 * Hashes the file of a row whose hash was left to its upload, if it is still the file intake
 * saw (same size and time, before and after), and stores the hash in every such row of it.
 */
async function learnPendingHash(store: QueueStore, row: RecordingRow): Promise<void> {
  const asSeen = async () => {
    const facts = await stat(row.path).catch(() => null);
    return facts?.size === row.sizeBytes && facts.mtimeMs === row.mtimeMs;
  };
  if (!(await asSeen())) return;
  const sha256 = await sha256File(row.path).catch(() => null);
  if (sha256 === null || !(await asSeen())) return;
  for (const same of store.rowsForPath(row.path)) {
    if (hashPending(same) && same.sizeBytes === row.sizeBytes && same.mtimeMs === row.mtimeMs) {
      store.fillContentHash(same.id, sha256);
    }
  }
}
