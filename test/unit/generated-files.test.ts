import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../../build/generated-files.ts';

describe('generated files', async () => {
  const files = await generatedFiles();

  it.each(Object.keys(files))(
    '%s is up to date with the declarations (run `npm run generate`)',
    async (path) => {
      const committed = await readFile(new URL(`../../${path}`, import.meta.url), 'utf8');
      expect(committed).toBe(files[path]);
    },
  );
});
