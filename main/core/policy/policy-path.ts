import { join } from 'node:path';

/** The environment variable that points at another policy file (tests, unusual installs). */
export const POLICY_FILE_ENV = 'CALL_COURIER_POLICY_FILE';

/** Where the machine-wide policy file lives: CALL_COURIER_POLICY_FILE, or the system's place for it. */
export function policyFilePath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const override = env[POLICY_FILE_ENV];
  if (override !== undefined && override !== '') return override;
  if (platform === 'win32') {
    return join(
      env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData',
      'Call Courier',
      'policy.json',
    );
  }
  if (platform === 'darwin') return '/Library/Application Support/Call Courier/policy.json';
  return '/etc/call-courier/policy.json';
}
