/**
 * What the tray icon says at a glance, from the core's status: idle (all delivered),
 * uploading, problem (something needs a person), paused (by a person), offline. Pure.
 */
import { join } from 'node:path';
import type { AlarmId, StatusAnswer } from '../../../preload/api.ts';

/** The tray icon's states. */
export const TRAY_STATES = ['idle', 'uploading', 'problem', 'paused', 'offline'] as const;
export type TrayState = (typeof TRAY_STATES)[number];

/** Each alarm in a few words, for the status line. */
const ALARM_WORDS: Readonly<Record<AlarmId, string>> = {
  'no-new-recordings': 'no new recordings',
  'backlog-too-old': 'recordings wait too long',
  'low-disk-space': 'low disk space',
};

/** light: a dark glyph for light menu bars; dark: a light glyph for dark ones. */
export type TrayTheme = 'light' | 'dark';

/**
 * The state to show. What needs a person wins (failed recordings, a destination paused for
 * its credentials or settings, an alarm such as no new recordings or low disk space), then a person's pause, then offline, then work in progress.
 */
export function trayStateOf(status: StatusAnswer): TrayState {
  if (needsPerson(status)) return 'problem';
  if (status.state === 'paused') return 'paused';
  if (status.state === 'offline') return 'offline';
  return waiting(status) > 0 ? 'uploading' : 'idle';
}

/** The one-line status, for the tooltip and the first line of the menu. */
export function statusLine(status: StatusAnswer): string {
  const { counts } = status;
  const parts: string[] = [];
  if (counts.failed > 0)
    parts.push(`${counts.failed} need${counts.failed === 1 ? 's' : ''} attention`);
  const paused = status.profiles.filter((p) => p.state === 'paused');
  if (paused.length > 0) parts.push(`${paused.map((p) => p.label).join(', ')} paused`);
  for (const alarm of status.alarms ?? []) {
    const words = ALARM_WORDS[alarm.id];
    parts.push(parts.length === 0 ? words.charAt(0).toUpperCase() + words.slice(1) : words);
  }
  if (counts.uploading > 0) parts.push(`${counts.uploading} uploading`);
  const queued = counts.queued + counts.retrying;
  if (queued > 0) parts.push(`${queued} waiting`);
  const head =
    status.state === 'paused'
      ? 'Paused'
      : status.state === 'offline'
        ? 'Offline: cannot reach the platform'
        : parts.length === 0
          ? 'All recordings delivered'
          : null;
  return [head, ...parts].filter((p) => p !== null).join(' · ');
}

/** The tooltip: the app's name and the status line. */
export function trayTooltip(status: StatusAnswer): string {
  return `Call Courier: ${statusLine(status)}`;
}

/** The icon file for a state and menu-bar theme (the @2x file beside it is picked up by Electron). */
export function trayIconPath(iconsDir: string, state: TrayState, theme: TrayTheme): string {
  return join(iconsDir, `${state}-${theme}.png`);
}

function needsPerson(status: StatusAnswer): boolean {
  return (
    status.counts.failed > 0 ||
    status.profiles.some((p) => p.state === 'paused') ||
    (status.alarms?.length ?? 0) > 0
  );
}

function waiting(status: StatusAnswer): number {
  const { counts } = status;
  return counts.queued + counts.uploading + counts.retrying;
}
