import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { afterAll } from 'vitest';

/**
 * Mounts a tmpfs of `size` (such as "2m") on `dir`, unmounted after the file's tests. Returns
 * false when mounting is not permitted (not root, no CAP_SYS_ADMIN), so the test may skip;
 * under CI=true that is an error, so a skip never hides missing work.
 */
export async function mountTmpfs(dir: string, size: string): Promise<boolean> {
  await mkdir(dir, { recursive: true });
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], {
    encoding: 'utf8',
  });
  if (mounted.status !== 0) {
    if (process.env.CI === 'true') {
      throw new Error(
        `mount -t tmpfs is required under CI=true (run as root): ${mounted.stderr || mounted.error?.message}`,
      );
    }
    return false;
  }
  afterAll(() => {
    spawnSync('umount', ['-l', dir]);
  });
  return true;
}

/** Changes the size of a mounted tmpfs (it may not shrink below what it holds). */
export function resizeTmpfs(dir: string, size: string): void {
  const result = spawnSync('mount', ['-o', `remount,size=${size}`, dir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`could not resize ${dir}: ${result.stderr}`);
}
