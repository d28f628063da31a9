import type { Dirent, Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isSkippedName, isWatchedFileName, isWatchedFolderName } from './ignore-rules.ts';
import { rawPathIn, mayBeUndecodable, undecodableNames } from './undecodable-names.ts';
import { isGoneError } from './watch-messages.ts';

/** A file found by a scan that may be a recording or a sidecar, with its stats. */
export interface ScannedFile {
  readonly path: string;
  readonly stats: Stats;
  /** Set when the name is not UTF-8: `path` then shows it with U+FFFD, and only this opens it. */
  readonly rawPath?: Buffer;
}

/** What a scan looks at, and where it says what it could not read. */
export interface ScanOptions {
  readonly recursive: boolean;
  /** Checked between folders and batches: when it returns true the scan stops early. */
  readonly stopped: () => boolean;
  /** A folder or file that cannot be read (only the root is reported when missing). */
  readonly unreadable: (path: string, error: unknown) => void;
  /**
   * Called with each folder just before it is read: a watcher starts its change events here,
   * so that a file written while the scan goes on is either in the listing or in an event.
   */
  readonly entering?: (folder: string) => void;
}

/** Files stat-ed at the same time; keeps a network share busy without flooding it. */
const STAT_BATCH = 32;
/** Files yielded together (the caller asks its queue about a batch at once); a folder's last batch may be smaller. */
const YIELD_BATCH = 256;

/**
 * Walks a watch folder and yields, a batch at a time (never across folders), every file that may be a recording or
 * a sidecar, by the same rules as the watcher. Follows symbolic links, but never into a
 * folder it is already inside. A folder that cannot be read is passed to `unreadable`, the root even when
 * it is missing, so that the caller knows the scan did not see everything. A file whose name is
 * not UTF-8 is found by the bytes of its name (`rawPath`).
 */
export async function* scanFolder(
  root: string,
  options: ScanOptions,
): AsyncGenerator<readonly ScannedFile[]> {
  let rootReal: string;
  try {
    rootReal = await realpath(root);
  } catch (error) {
    options.unreadable(root, error);
    return;
  }
  // Depth first, one folder's listing in memory at a time; each folder carries the real
  // paths of the folders above it, so a link back up is seen as a loop and not followed.
  const folders: { path: string; real: string; above: readonly string[] }[] = [
    { path: root, real: rootReal, above: [] },
  ];
  while (folders.length > 0 && !options.stopped()) {
    const folder = folders.pop();
    if (!folder) break;
    options.entering?.(folder.path);
    let entries: Dirent[];
    try {
      entries = await readdir(folder.path, { withFileTypes: true });
    } catch (error) {
      if (!isGoneError(error)) options.unreadable(folder.path, error);
      continue;
    }
    const candidates = entries.filter((entry) => worthStat(entry, options.recursive));
    const found: ScannedFile[] = [];
    const subfolders: { entry: Dirent; path: string }[] = [];
    // The folder's names as bytes, read only when a name may not be UTF-8.
    let rawNames: Promise<ReadonlyMap<string, Buffer>> | undefined;
    const undecodable = async (name: string): Promise<ScannedFile | undefined> => {
      const raw = (await (rawNames ??= undecodableNames(folder.path))).get(name);
      if (raw === undefined) return undefined;
      const rawPath = rawPathIn(folder.path, raw);
      const stats = await stat(rawPath).catch(() => undefined);
      return stats?.isFile() ? { path: join(folder.path, name), stats, rawPath } : undefined;
    };
    for (let i = 0; i < candidates.length && !options.stopped(); i += STAT_BATCH) {
      await Promise.all(
        candidates.slice(i, i + STAT_BATCH).map(async (entry) => {
          const path = join(folder.path, entry.name);
          const stats = await statOrUndefined(path, options);
          if (stats === undefined && mayBeUndecodable(entry.name)) {
            const file = await undecodable(entry.name);
            if (file && isWatchedFileName(entry.name)) found.push(file);
          } else if (stats?.isFile() && isWatchedFileName(entry.name)) found.push({ path, stats });
          else if (stats?.isDirectory() && options.recursive && isWatchedFolderName(entry.name)) {
            subfolders.push({ entry, path });
          }
        }),
      );
      if (found.length >= YIELD_BATCH) yield found.splice(0);
    }
    if (found.length > 0) yield found;
    const inside = [...folder.above, folder.real];
    for (const { entry, path } of subfolders.reverse()) {
      // A plain folder's real path follows from its parent's; only a link needs asking.
      const real = entry.isDirectory()
        ? join(folder.real, entry.name)
        : await realpath(path).catch(() => undefined);
      if (real !== undefined && !inside.includes(real)) folders.push({ path, real, above: inside });
    }
  }
}

/** Whether an entry could be a recording, a sidecar or a folder to look into, judged by name and type alone. */
function worthStat(entry: Dirent, recursive: boolean): boolean {
  if (isSkippedName(entry.name)) return false;
  if (entry.isFile()) return isWatchedFileName(entry.name);
  if (entry.isDirectory()) return recursive && isWatchedFolderName(entry.name);
  // Links, and entries whose type the file system does not tell (some network shares).
  return true;
}

/** The stats of a path, following links; undefined when it vanished or is a link loop. */
async function statOrUndefined(path: string, options: ScanOptions): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!isGoneError(error) && code !== 'ELOOP') options.unreadable(path, error);
    return undefined;
  }
}
