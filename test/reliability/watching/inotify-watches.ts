// Which folders this process watches through inotify, read from /proc: a test can then show
// that a folder it watches by polling gets no event from the kernel at all.
import { readdir, readFile, readlink } from 'node:fs/promises';

/** The inode numbers of every file and folder that an inotify instance of this process watches. */
export async function inotifyWatchedInodes(): Promise<ReadonlySet<number>> {
  const inodes = new Set<number>();
  for (const fd of await readdir('/proc/self/fd')) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
    if (target !== 'anon_inode:inotify') continue;
    const info = await readFile(`/proc/self/fdinfo/${fd}`, 'utf8').catch(() => '');
    for (const match of info.matchAll(/^inotify wd:\d+ ino:([0-9a-f]+) /gm)) {
      inodes.add(Number.parseInt(match[1] ?? '', 16));
    }
  }
  return inodes;
}
