// Writes the files generated from declarations: the config JSON Schema and docs/connectors.md.
// Run with `npm run generate`; a test fails when the committed copies are out of date.
import { writeFile } from 'node:fs/promises';
import { generatedFiles } from './generated-files.ts';

for (const [path, content] of Object.entries(await generatedFiles())) {
  await writeFile(new URL(`../${path}`, import.meta.url), content);
  console.log(`wrote ${path}`);
}
