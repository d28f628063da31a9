/** The Electron main process's entry (package.json "main", built to dist/main/electron/main.js). */
import { guardCrashes } from '../core/crash-guard.ts';
import { steadyMarking } from '../core/steady-marking.ts';
import { startDesktopCore } from './core/start-core.ts';
import { runDesktopApp } from './desktop-app.ts';

// The same steady full collections as `call-courier run` (see STEADY_MARKING_FLAG).
steadyMarking();
const knownSecrets = new Set<string>();
// Instead of Electron's crash dialog, which shows the error and its stack as they are.
guardCrashes({ knownSecrets });
void runDesktopApp({ startCore: (options) => startDesktopCore({ ...options, knownSecrets }) });
