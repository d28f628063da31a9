/**
 * Bundles the preload into one CommonJS file, dist/preload/index.cjs: a sandboxed preload can
 * `require('electron')` but no other module, and cannot be an ES module.
 * Run: `vite build --config preload/vite.config.ts` (after `tsc -p tsconfig.build.json`).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist/preload',
    // dist/preload also holds tsc's output of preload/ (main imports ipc-channels.js from it).
    emptyOutDir: false,
    target: 'chrome140',
    minify: false,
    sourcemap: false,
    lib: {
      entry: fileURLToPath(new URL('./index.ts', import.meta.url)),
      formats: ['cjs'],
      fileName: () => 'index.cjs',
    },
    rolldownOptions: { external: ['electron'] },
  },
});
