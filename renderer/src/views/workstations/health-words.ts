import type { WorkstationHealth } from '../../../../preload/api.ts';

/** Each health as the table writes it. */
export const HEALTH_WORDS: Readonly<Record<WorkstationHealth, string>> = {
  healthy: 'Healthy',
  attention: 'Needs attention',
  paused: 'Paused',
  offline: 'Offline',
  unreachable: 'Unreachable',
};

/**
 * The address to link to, or null when it is not a plain http(s) address (the list comes from
 * a settings file that could have been edited by hand: never a `javascript:` link).
 */
export function safeLink(address: string): string | null {
  try {
    const url = new URL(address);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** A waiting time in words: "12 s", "5 min", "3 h", "2 days". */
export function formatAge(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h`;
  const days = Math.round(seconds / 86_400);
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}
