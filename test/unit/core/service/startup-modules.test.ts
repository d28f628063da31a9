import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const RUN_COMMAND = new URL('../../../../main/cli/run.ts', import.meta.url).href;

/** Every module a fresh Node loads to get `call-courier run` (the whole service) ready to start. */
async function modulesLoadedForRun(): Promise<string[]> {
  const script = `
    import { registerHooks } from 'node:module';
    const seen = [];
    registerHooks({ load(url, context, next) { seen.push(url); return next(url, context); } });
    await import(${JSON.stringify(RUN_COMMAND)});
    process.stdout.write(JSON.stringify(seen));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, [
    '--input-type=module',
    '-e',
    script,
  ]);
  return JSON.parse(stdout) as string[];
}

describe('what a service loads before it has anything to do', () => {
  it('leaves the HTTP client, the SSH client and the diagnostics bundle for when they are used', async () => {
    const loaded = await modulesLoadedForRun();
    // The service itself was loaded: the list is the real one.
    expect(loaded.some((url) => url.endsWith('/main/core/service.ts'))).toBe(true);
    expect(loaded.filter((url) => url.includes('/node_modules/undici/'))).toEqual([]);
    expect(loaded.filter((url) => url.includes('/node_modules/ssh2/'))).toEqual([]);
    expect(loaded.filter((url) => url.includes('/diagnostics/'))).toEqual([]);
  });
});
