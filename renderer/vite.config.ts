import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The renderer's folder (Vite's root) and where the built window goes (dist/renderer). */
const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/renderer/', import.meta.url));

/**
 * Builds the window into dist/renderer/, which the headless service serves at `/` and the desktop
 * app loads from app://. The output must run under a strict Content-Security-Policy (no inline
 * script or style), so nothing is inlined: no module-preload polyfill, no data: assets.
 */
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});
