import { spawnSync } from 'node:child_process';

/**
 * Whether a system command a baseline needs is installed. Under CI=true a missing one is an
 * error (.ci/run installs them), so a baseline is never left out without anyone noticing.
 */
export function hasTool(command: string): boolean {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
  if (!found && process.env.CI === 'true') {
    throw new Error(`${command} is required under CI=true; .ci/run must install it`);
  }
  return found;
}

/** The note a result carries when its baseline could not run, naming the missing tools. */
export function missingToolsNote(tools: readonly string[], baseline: string): string {
  return `Baseline NOT RUN: ${tools.join(', ')} not installed on this machine, so ${baseline} could not be measured (install ${tools.join(' ')}; CI installs them).`;
}
