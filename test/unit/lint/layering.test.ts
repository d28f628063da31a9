import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** The layering errors ESLint reports for a snippet placed at a path in the tree. */
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('the layering lint rule', () => {
  it('fails an electron import in main/core', async () => {
    const errors = await layerErrors(
      'main/core/watch/example.ts',
      "import { app } from 'electron';\nexport const a = app;\n",
    );
    expect(errors).toEqual([expect.stringContaining('main/core is pure Node: no electron import')]);
  });

  it('fails electron-store and the Electron shell in main/core', async () => {
    const errors = await layerErrors(
      'main/core/settings/example.ts',
      "import Store from 'electron-store';\nimport { tray } from '../../electron/tray.ts';\nexport const a = [Store, tray];\n",
    );
    expect(errors).toHaveLength(2);
  });

  it('lets main/core import the contract types from preload, and nothing else from it', async () => {
    expect(
      await layerErrors(
        'main/core/service.ts',
        "import type { CourierApi } from '../../preload/api.ts';\nexport type A = CourierApi;\n",
      ),
    ).toEqual([]);
    const errors = await layerErrors(
      'main/core/service.ts',
      "import { bridge } from '../../preload/bridge.ts';\nexport const a = bridge;\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('lets main/core use Node built-ins', async () => {
    expect(
      await layerErrors(
        'main/core/example.ts',
        "import { readFile } from 'node:fs/promises';\nexport const a = readFile;\n",
      ),
    ).toEqual([]);
  });

  it('fails a Node built-in in the renderer', async () => {
    const errors = await layerErrors(
      'renderer/src/example.ts',
      "import { readFile } from 'node:fs';\nexport const a = readFile;\n",
    );
    expect(errors).toEqual([
      expect.stringContaining('The renderer runs in a sandboxed page: no Node built-ins.'),
    ]);
  });

  it('lets the renderer import only types from main', async () => {
    expect(
      await layerErrors(
        'renderer/src/example.ts',
        "import type { CourierApi } from '../../preload/api.ts';\nexport type A = CourierApi;\n",
      ),
    ).toEqual([]);
    const errors = await layerErrors(
      'renderer/src/example.ts',
      "import { checkRecording } from '../../main/core/check/check-recording.ts';\nexport const a = checkRecording;\n",
    );
    expect(errors).toHaveLength(1);
  });
});
