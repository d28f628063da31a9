import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const RUN = fileURLToPath(new URL('../../../main/cli/run.ts', import.meta.url));
const UNDICI_MODULE = fileURLToPath(
  new URL('../../../main/core/connectors/http/undici-module.ts', import.meta.url),
);

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

  it('loads only the parts of undici that HTTP uploads use, not its fetch, WebSocket or mocks', async () => {
    const script = `import { createRequire } from 'node:module';
const { undici } = await import(${JSON.stringify(UNDICI_MODULE)});
const { Agent, EnvHttpProxyAgent, request } = await undici();
const agent = new Agent();
if (typeof request !== 'function' || typeof agent.request !== 'function' || typeof EnvHttpProxyAgent !== 'function') throw new Error('incomplete');
await agent.close();
const files = Object.keys(createRequire(import.meta.url).cache);
process.stdout.write(JSON.stringify(files.filter((f) => f.includes('/node_modules/undici/'))));`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '--eval', script],
      { env: { ...process.env, NODE_OPTIONS: '' } },
    );
    const files = (JSON.parse(stdout) as string[]).map((f) =>
      f.replace(/^.*\/node_modules\/undici\//, ''),
    );
    expect(files).toContain('lib/dispatcher/agent.js');
    expect(files).toContain('lib/api/api-request.js');
    expect(files).not.toContain('index.js');
    expect(files.filter((f) => /^lib\/(web|mock|cache)\//.test(f))).toEqual([]);
  });
});
