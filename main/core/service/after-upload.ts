import { copyFile, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join, relative } from 'node:path';
import { watchFolderFor } from '../check/destinations-for-file.ts';
import { crashPoint } from '../crash-point.ts';
import { sha256File } from '../intake/content-hash.ts';
import type { Logger } from '../log/logger.ts';
import { afterUploadProblem, sayAfterUploadProblem } from './after-upload-problem.ts';
import { sidecarPaths } from '../metadata/sidecar.ts';
import type { Settings } from '../settings/schema.ts';
import type { QueueStore } from '../store/queue-store.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Runs the post-upload action on recordings every destination has confirmed: `keep`
 * does nothing; `move` files them under the archive folder, keeping their sub-folders;
 * `delete` removes them N days after upload. A file that changed since it was
 * delivered is left where it is (it is new content, and will be delivered as such).
 */
export async function runAfterUpload(
  store: QueueStore,
  settings: Settings,
  now: number,
  log: Logger,
): Promise<number> {
  const action = settings.upload.afterUpload;
  if (action.action === 'keep') return 0;
  const cutoff = action.action === 'delete' ? now - action.afterDays * DAY_MS : now;
  let done = 0;
  for (const path of store.pathsDueForAfterUpload(cutoff)) {
    // The content delivered last: rows of earlier content at this path were handled before.
    const row = store
      .rowsForPath(path)
      .filter((r) => r.uploadedAt !== null && r.afterUploadDoneAt === null)
      .at(-1);
    if (!row) continue;
    const current = await stat(path).catch(() => null);
    if (!current) {
      // Moved by a run that stopped before it could say so: the history names the archived copy.
      const archived =
        action.action === 'move'
          ? await archivedCopy(archiveTarget(settings, path, action.archiveDir), row.sha256)
          : null;
      store.markAfterUploadDone(
        row.id,
        archived ? `moved to ${archived}` : 'the file was already gone',
      );
      continue;
    }
    if (current.size !== row.sizeBytes || Math.round(current.mtimeMs) !== Math.round(row.mtimeMs)) {
      store.markAfterUploadDone(
        row.id,
        'the file changed after it was delivered, so it was left in place',
      );
      log.warn(`${row.fileName} changed after delivery; left in place`, { path });
      continue;
    }
    try {
      if (action.action === 'move') {
        const target = await moveWithSidecars(
          path,
          archiveTarget(settings, path, action.archiveDir),
          row.sha256,
        );
        crashPoint('after-upload-moved');
        store.markAfterUploadDone(row.id, `moved to ${target}`);
        log.info(`${row.fileName} moved to the archive`, { path, target });
      } else {
        await Promise.all([path, ...sidecarPaths(path)].map((p) => unlink(p).catch(ignoreMissing)));
        crashPoint('after-upload-deleted');
        store.markAfterUploadDone(row.id, `deleted ${action.afterDays} days after delivery`);
        log.info(`${row.fileName} deleted after delivery`, { path });
      }
      done += 1;
    } catch (error) {
      // Left for the next run; the recording itself is safe where it is.
      sayAfterUploadProblem(store, row, log, afterUploadProblem(action, error));
    }
  }
  return done;
}

/** Where a delivered file goes in the archive: its path below its watch folder, kept. */
export function archiveTarget(settings: Settings, path: string, archiveDir: string): string {
  const folder = watchFolderFor(settings, path);
  return join(archiveDir, folder ? relative(folder.path, path) : basename(path));
}

async function moveWithSidecars(path: string, wanted: string, sha256: string): Promise<string> {
  const target = await freeName(wanted, sha256);
  await mkdir(dirname(target), { recursive: true });
  await moveFile(path, target);
  // Each sidecar takes the recording's archived name, so it never replaces an archived one.
  const targets = sidecarPaths(target);
  for (const [i, sidecar] of sidecarPaths(path).entries()) {
    const to = targets[i] ?? join(dirname(target), basename(sidecar));
    await moveFile(sidecar, to).catch(ignoreMissing);
  }
  return target;
}

/**
 * Renames, or across file systems copies under a hidden temporary name, flushes, renames
 * the copy into place and only then removes the source: a crash leaves the recording whole
 * where it was, or whole in the archive, never cut short under its own name.
 */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const partial = join(dirname(to), `.${basename(to)}.partial`);
    await copyFile(from, partial);
    crashPoint('after-upload-copying');
    const [a, b] = await Promise.all([stat(from), stat(partial)]);
    if (a.size !== b.size) {
      await unlink(partial).catch(() => undefined);
      throw new Error(`the copy in the archive is incomplete (${b.size} of ${a.size} bytes)`, {
        cause: error,
      });
    }
    await flush(partial);
    await rename(partial, to);
    crashPoint('after-upload-copied');
    await unlink(from);
  }
}

/** Writes a file's content through to the disk. */
async function flush(path: string): Promise<void> {
  const file = await open(path, 'r+');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}

/**
 * The wanted name, or "name (2).wav" … when the archive already holds another recording
 * under it. A file there with this very content is this recording, copied by a run that
 * stopped before removing the original: it is reused rather than copied twice.
 */
async function freeName(wanted: string, sha256: string): Promise<string> {
  return (await archiveSlot(wanted, sha256)).path;
}

/** The archived file with this content under the wanted name or a "(n)" one, if there is one. */
async function archivedCopy(wanted: string, sha256: string): Promise<string | null> {
  const slot = await archiveSlot(wanted, sha256);
  return slot.holdsCopy ? slot.path : null;
}

/** The first of the wanted name, "name (2).wav" … that is free or already holds this content. */
async function archiveSlot(
  wanted: string,
  sha256: string,
): Promise<{ readonly path: string; readonly holdsCopy: boolean }> {
  const ext = extname(wanted);
  const stem = wanted.slice(0, wanted.length - ext.length);
  for (let n = 1; ; n += 1) {
    const path = n === 1 ? wanted : `${stem} (${n})${ext}`;
    if (!(await stat(path).catch(() => null))) return { path, holdsCopy: false };
    if ((await sha256File(path).catch(() => null)) === sha256) return { path, holdsCopy: true };
  }
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}
