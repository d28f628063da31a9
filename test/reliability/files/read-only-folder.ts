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

/**
 * Puts `folder` on a mount of its own (root: a bind mount of itself), so that a rename into
 * it crosses file systems and becomes a copy; answers how to undo it. Other accounts cannot
 * mount: the folder stays as it is, and a rename into it stays a rename.
 */
export async function mountApart(folder: string): Promise<() => Promise<void>> {
  if (process.getuid?.() !== 0) return () => Promise.resolve();
  await run('mount', ['--bind', folder, folder]);
  return async () => {
    await run('umount', [folder]);
  };
}
