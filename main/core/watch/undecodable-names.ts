import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, sep } from 'node:path';

/**
 * File names that are not UTF-8 (Latin-1 "café" written by a Windows share) reach Node with
 * U+FFFD in place of each bad byte, and that text names no file: it cannot be opened, nor even
 * found again. Such a file is found by its bytes, so that it can be watched, and reported as a
 * recording whose name must be changed, rather than taken for gone.
 */

/** The character Node puts in place of bytes that are not UTF-8. */
const REPLACEMENT = '\uFFFD';

/** A file found by the bytes of its name: the path as text (with U+FFFD) and the real one. */
export interface UndecodableFile {
  readonly rawPath: Buffer;
  readonly stats: Stats;
}

/** Whether a name as Node gives it may stand for bytes that are not UTF-8. */
export function mayBeUndecodable(name: string): boolean {
  return name.includes(REPLACEMENT);
}

/**
 * The names in a folder that are not UTF-8, as bytes, keyed by the text Node shows for them;
 * empty when the folder cannot be read. Two such names that show as the same text keep the first.
 */
export async function undecodableNames(folder: string): Promise<ReadonlyMap<string, Buffer>> {
  const names = new Map<string, Buffer>();
  const raw = await readdir(folder, { encoding: 'buffer' }).catch(() => []);
  for (const name of raw) {
    const text = name.toString('utf8');
    if (!names.has(text) && !Buffer.from(text, 'utf8').equals(name)) names.set(text, name);
  }
  return names;
}

/** The path of a file in `folder` whose name is these bytes. */
export function rawPathIn(folder: string, name: Buffer): Buffer {
  return Buffer.concat([Buffer.from(folder.endsWith(sep) ? folder : `${folder}${sep}`), name]);
}

/**
 * Finds the file that a path with U+FFFD in its last name stands for, by the bytes of the
 * names in its folder; undefined when there is none (it is gone, or the text is its real name).
 */
export async function findUndecodable(path: string): Promise<UndecodableFile | undefined> {
  const name = basename(path);
  if (!mayBeUndecodable(name)) return undefined;
  const folder = dirname(path);
  const raw = (await undecodableNames(folder)).get(name);
  if (raw === undefined) return undefined;
  const rawPath = rawPathIn(folder, raw);
  const stats = await stat(rawPath).catch(() => undefined);
  return stats?.isFile() ? { rawPath, stats } : undefined;
}
