import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const RUN = fileURLToPath(new URL('../../../main/cli/run.ts', import.meta.url));

/** The Node built-ins that loading `call-courier run`'s modules brings in, from a fresh process. */
async function builtinsLoadedBy(modulePath: string): Promise<readonly string[]> {
  const script = `await import(${JSON.stringify(modulePath)});
process.stdout.write(JSON.stringify(process.moduleLoadList.filter((m) => m.startsWith('NativeModule '))));`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '--eval', script],
    { env: { ...process.env, NODE_OPTIONS: '' } },
  );
  return (JSON.parse(stdout) as string[]).map((line) => line.replace('NativeModule ', ''));
}

describe('the start-up of `call-courier run`', () => {
  it("does not load Node's own copy of undici (node:http's module facade would, ~45 ms)", async () => {
    const loaded = await builtinsLoadedBy(RUN);
    // The service's modules were loaded: the check below would otherwise prove nothing.
    expect(loaded).toContain('sqlite');
    expect(loaded).toContain('http');
    expect(loaded).not.toContain('internal/deps/undici/undici');
  });
});
