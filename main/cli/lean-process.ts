import { enableCompileCache } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { STEADY_MARKING_FLAG, steadyMarking } from '../core/steady-marking.ts';

/**
 * Set in the environment of a `call-courier run` that was started again with the lean
 * settings below, so that it never starts itself again; set it to 1 beforehand to keep
 * Node's own settings.
 */
export const LEAN_MARK = 'CALL_COURIER_LEAN_NODE';

/**
 * V8's young generation may otherwise grow to 64 MiB per half while a start-up scan of a
 * large folder allocates, and it never shrinks again (20,000 delivered recordings: 284 MiB
 * idle with Node's defaults). 8 MiB keeps the scan of 100,000 files as quick as the default;
 * 1 MiB made it half as slow again. STEADY_MARKING_FLAG keeps full collections from following
 * one another through a backlog.
 */
export const LEAN_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8', STEADY_MARKING_FLAG];

/**
 * Once started: the young generation stays as small as the start-up's collection left it,
 * and the old one grows in small steps (V8 settings that still take effect at run time).
 */
const IDLE_FLAGS = '--semi-space-growth-factor=1 --optimize-for-size';

/**
 * Where Node keeps its compile cache for Call Courier: in the user's own cache folder, never
 * in the shared temporary folder, where another user could plant code for it to run.
 */
export function compileCacheDir(env: NodeJS.ProcessEnv): string {
  const base =
    process.platform === 'win32'
      ? (env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'))
      : (env.XDG_CACHE_HOME ?? join(homedir(), '.cache'));
  return join(base, 'call-courier', 'node-compile-cache');
}

/**
 * The environment of the lean process: Node's compile cache (so that the TypeScript of
 * Call Courier is read stripped from the cache, and Node's TypeScript stripper, a
 * WebAssembly module of ~15 MiB resident, is never loaded), and two malloc arenas instead
 * of one per thread.
 */
export function leanEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    [LEAN_MARK]: '1',
    ...(env.NODE_COMPILE_CACHE || env.NODE_DISABLE_COMPILE_CACHE
      ? {}
      : { NODE_COMPILE_CACHE: compileCacheDir(env) }),
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2',
  };
}

/**
 * Makes this long-running process lean on memory. Where Node can replace the process
 * (`process.execve`: Linux and macOS) and no Node options were given, the same command is
 * run again in place, with the same process id, under LEAN_NODE_FLAGS and
 * `leanEnvironment`, and this never returns. Otherwise only the compile cache is turned on.
 */
export function becomeLean(scriptPath: string, args: readonly string[]): void {
  const env = process.env;
  if (env[LEAN_MARK] === undefined && process.execArgv.length === 0 && process.execve) {
    try {
      process.execve(
        process.execPath,
        [process.execPath, ...LEAN_NODE_FLAGS, scriptPath, ...args],
        leanEnvironment(env),
      );
    } catch {
      // The Node binary could not be run again (moved or updated since): stay as we are.
    }
  }
  // Without the start again (or its flags, given by hand) it still holds from here on.
  steadyMarking();
  useCompileCache(env);
}

/**
 * Turns on Node's compile cache for the modules loaded from now on (see compileCacheDir):
 * each command's TypeScript is read stripped from it, and Node's stripper is never loaded for
 * them. Left off when NODE_DISABLE_COMPILE_CACHE is set.
 */
export function useCompileCache(env: NodeJS.ProcessEnv = process.env): void {
  if (!env.NODE_DISABLE_COMPILE_CACHE)
    enableCompileCache(env.NODE_COMPILE_CACHE ?? compileCacheDir(env));
}

/**
 * Gives back to the system the heap that the start-up (the scan of every watched file) used
 * and no longer needs, which V8 would otherwise keep while the service idles (a full,
 * memory-reducing collection: ~150 ms after a start-up with 100,000 files), and keeps the
 * heap small from then on. Called once the service is first quiet: run at once, before a
 * backlog, its collection (~70 ms) held up the first uploads, and the small heap then slowed
 * the backlog's intake.
 */
export function releaseStartupMemory(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (options: object) => void;
  setFlagsFromString('--no-expose-gc');
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  setFlagsFromString(IDLE_FLAGS);
}
