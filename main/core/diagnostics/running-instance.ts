import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The process id of the Call Courier holding a data dir (its instance.lock), or null when none runs. */
export async function runningInstance(dataDir: string): Promise<number | null> {
  const text = await readFile(join(dataDir, 'instance.lock'), 'utf8').catch(() => '');
  const pid = Number(text.trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}
