import { copyFile, mkdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join, relative } from 'node:path';
import { watchFolderFor } from '../check/destinations-for-file.ts';
import type { Logger } from '../log/logger.ts';
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
      store.markAfterUploadDone(row.id, 'the file was already gone');
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
        );
        store.markAfterUploadDone(row.id, `moved to ${target}`);
        log.info(`${row.fileName} moved to the archive`, { path, target });
      } else {
        await Promise.all([path, ...sidecarPaths(path)].map((p) => unlink(p).catch(ignoreMissing)));
        store.markAfterUploadDone(row.id, `deleted ${action.afterDays} days after delivery`);
        log.info(`${row.fileName} deleted after delivery`, { path });
      }
      done += 1;
    } catch (error) {
      // Left for the next run; the recording itself is safe where it is.
      log.error(
        `${row.fileName} could not be ${action.action === 'move' ? 'moved' : 'deleted'}: ${(error as Error).message}`,
        {
          path,
        },
      );
    }
  }
  return done;
}

/** Where a delivered file goes in the archive: its path below its watch folder, kept. */
export function archiveTarget(settings: Settings, path: string, archiveDir: string): string {
  const folder = watchFolderFor(settings, path);
  return join(archiveDir, folder ? relative(folder.path, path) : basename(path));
}

async function moveWithSidecars(path: string, wanted: string): Promise<string> {
  const target = await freeName(wanted);
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

/** Renames, or copies then removes across file systems; the source goes only after the copy is whole. */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(from, to);
    const [a, b] = await Promise.all([stat(from), stat(to)]);
    if (a.size !== b.size)
      throw new Error(`the copy in the archive is incomplete (${b.size} of ${a.size} bytes)`, {
        cause: error,
      });
    await unlink(from);
  }
}

/** The wanted name, or "name (2).wav" … when the archive already holds one. */
async function freeName(wanted: string): Promise<string> {
  const ext = extname(wanted);
  const stem = wanted.slice(0, wanted.length - ext.length);
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? wanted : `${stem} (${n})${ext}`;
    if (!(await stat(candidate).catch(() => null))) return candidate;
  }
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}
