// A folder nobody may write to, even root: a read-only bind mount of itself (root, as in CI),
// or taking the write bits away (any other account, for which they are enough).
import { execFile } from 'node:child_process';
import { chmod } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Makes `folder` read-only; answers how to make it writable again. */
export async function makeReadOnly(folder: string): Promise<() => Promise<void>> {
  if (process.getuid?.() !== 0) {
    await chmod(folder, 0o555);
    return () => chmod(folder, 0o755);
  }
  await run('mount', ['--bind', '-o', 'ro', folder, folder]);
  let mounted = true;
  return async () => {
    if (mounted) await run('umount', [folder]);
    mounted = false;
  };
}
