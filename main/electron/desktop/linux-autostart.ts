/**
 * Start at login on Linux, where Electron's login-item API does nothing: an XDG autostart
 * entry (~/.config/autostart/call-courier.desktop). Pure: the file's place and text.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the autostart entry lives. */
export function autostartFile(env: NodeJS.ProcessEnv = process.env): string {
  const config = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(config, 'autostart', 'call-courier.desktop');
}

/** The desktop entry that starts Call Courier hidden in the tray: `command` is the program and its arguments. */
export function autostartEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Call Courier',
    'Comment=Delivers call recordings to the analytics platform',
    `Exec=${command.map(quoteExecArgument).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Quotes one Exec argument as the Desktop Entry Specification asks: the quoting rule (\" \` \$ \\
 * inside double quotes), then the string escape rule on top of it (each backslash doubled),
 * and % doubled.
 */
function quoteExecArgument(argument: string): string {
  if (/[\r\n]/.test(argument)) throw new Error('a program path cannot contain a line break');
  if (/^[A-Za-z0-9_@+=:,./-]+$/.test(argument)) return argument;
  const quoted = argument.replace(/["`$\\]/g, (c) => `\\${c}`);
  return `"${quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%')}"`;
}
