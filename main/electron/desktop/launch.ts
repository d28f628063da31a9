/** How this launch of the app should start. Pure. */

/** The command-line flag the login item starts the app with: straight to the tray, no window. */
export const HIDDEN_FLAG = '--hidden';

/** Whether to start in the tray only: launched at login (macOS says so; elsewhere the login item passes --hidden). */
export function startsHidden(argv: readonly string[], wasOpenedAtLogin: boolean): boolean {
  return wasOpenedAtLogin || argv.includes(HIDDEN_FLAG);
}
