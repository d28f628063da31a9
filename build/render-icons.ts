// Renders build/icons/*.svg to the PNGs the app and the installers use.
// Run with `npm run icons` after changing an SVG; a test fails when the PNGs are stale.
import { mkdir, writeFile } from 'node:fs/promises';
import { iconTargets, renderIcon } from './rendered-icons.ts';

const root = new URL('../', import.meta.url);

for (const target of iconTargets()) {
  const { png } = await renderIcon(target, root);
  const file = new URL(target.path, root);
  await mkdir(new URL('./', file), { recursive: true });
  await writeFile(file, png);
  console.log(`wrote ${target.path} (${target.size}×${target.size})`);
}
