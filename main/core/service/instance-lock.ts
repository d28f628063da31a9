import { open, readFile, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';

/** Holds a data dir for one running instance; `release` gives it up. */
export interface InstanceLock {
  release(): Promise<void>;
}

/** The lock files this process holds: a lock naming this process id is ours only if listed here. */
const heldHere = new Set<string>();

/**
 * Takes the data dir for this process: one instance per data dir, so that two services
 * never deliver the same queue. A lock left by a process that is gone is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<InstanceLock> {
  const path = resolve(dataDir, 'instance.lock');
  for (let tries = 0; tries < 2; tries += 1) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      heldHere.add(path);
      return {
        release: async () => {
          heldHere.delete(path);
          await unlink(path).catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      // Our own id in the lock is another service of this process, or a restarted container's old lock.
      const running =
        Number.isInteger(pid) &&
        pid > 0 &&
        (pid === process.pid ? heldHere.has(path) : isAlive(pid));
      if (running) {
        throw new Error(
          `another Call Courier (process ${pid}) is already running with the data folder ${dataDir}: ` +
            'stop it first, or give this one its own --data-dir',
          { cause: error },
        );
      }
      await unlink(path).catch(() => undefined); // stale: its process is gone
    }
  }
  throw new Error(`could not lock the data folder ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
