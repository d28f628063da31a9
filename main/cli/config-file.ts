import { copyFile, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Writes a settings file through a temporary one, so a crash never leaves half a file. */
export async function writeJsonFile(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: 0o600 });
  await rename(temporary, path);
}

/** Copies a file aside before it is replaced; answers the copy's path, or null when there was no file. */
export async function keepPrevious(path: string, suffix: string): Promise<string | null> {
  const aside = `${path}.${suffix}`;
  try {
    await copyFile(path, aside);
    return aside;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
