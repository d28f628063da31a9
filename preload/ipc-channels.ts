/**
 * The one table of IPC channels between the desktop window and main (like GitHub Desktop's
 * ipc-shared.ts): every CourierApi command and desktop extra is one `invoke` channel, and main
 * pushes events and navigation requests on two more. No imports at run time, so the preload
 * bundle stays tiny; main adds the argument schemas (main/electron/ipc/invoke-schemas.ts).
 */
import type { CourierApi } from './api.ts';
import type { DesktopExtras } from './desktop-api.ts';

/** The contract's commands (everything but the event subscription). */
export type ApiMethod = Exclude<keyof CourierApi, 'onEvent'>;

/** The desktop extras' commands (everything but the navigation subscription). */
export type DesktopMethod = Exclude<keyof DesktopExtras, 'onNavigate'>;

/** Every command the window may invoke. */
export type InvokeMethod = ApiMethod | DesktopMethod;

/** The CourierApi commands, in contract order. */
export const API_METHODS = [
  'status',
  'listRecordings',
  'enqueue',
  'retry',
  'skip',
  'pause',
  'resume',
  'getSettings',
  'putSettings',
  'policy',
  'setSecret',
  'secretsStored',
  'testProfile',
  'connectors',
  'presets',
  'previewName',
  'workstations',
  'addWorkstation',
  'removeWorkstation',
  'monitoring',
] as const satisfies readonly ApiMethod[];

/** The desktop-only commands. */
export const DESKTOP_METHODS = [
  'chooseFolder',
  'showFile',
  'openRecordingsFolder',
  'getStartAtLogin',
  'setStartAtLogin',
  'saveDiagnostics',
] as const satisfies readonly DesktopMethod[];

/** Fails to compile while a command of the contract has no channel. */
type Missing = Exclude<
  InvokeMethod,
  (typeof API_METHODS)[number] | (typeof DESKTOP_METHODS)[number]
>;
export const EVERY_METHOD_HAS_A_CHANNEL: [Missing] extends [never] ? true : Missing = true;

/** The channel a command is invoked on. */
export function invokeChannel(method: InvokeMethod): `courier:${InvokeMethod}` {
  return `courier:${method}`;
}

/** Main → window: one CourierEvent per message. */
export const EVENT_CHANNEL = 'courier:event';

/** Main → window: a DesktopView to show. */
export const NAVIGATE_CHANNEL = 'courier:navigate';
