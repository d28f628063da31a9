import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder holding the window built for this run (index.html and assets/). */
    windowDir: string;
  }
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');

/**
 * Global setup of the e2e project: builds the window once per run, as `npm run build:ui` does,
 * into a temporary folder (dist/renderer belongs to a person's own build) and hands its path to
 * the tests. Vite runs in its own process with NODE_ENV=production: under Vitest's NODE_ENV=test
 * it would compile React's development JSX, and the tests must drive the build that ships.
 */
export default async function buildWindow(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'call-courier-window-'));
  const args = ['build', '--config', 'renderer/vite.config.ts', '--outDir', dir, '--emptyOutDir'];
  await promisify(execFile)(process.execPath, [VITE, ...args, '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  project.provide('windowDir', dir);
  return () => rm(dir, { recursive: true, force: true });
}
