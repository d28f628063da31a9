/** The Electron main process's entry (package.json "main", built to dist/main/electron/main.js). */
import { runDesktopApp } from './desktop-app.ts';

void runDesktopApp();
