/**
 * The preload script of the window (sandboxed, context-isolated): exposes `window.courier` and
 * nothing else. Bundled into one CommonJS file by preload/vite.config.ts.
 */
import { contextBridge } from 'electron';
import { courierBridge } from './courier-bridge.ts';

contextBridge.exposeInMainWorld('courier', courierBridge());
