import { writeSync } from 'node:fs';
import { redactSecrets } from './secrets/redact.ts';

/** The exit status after an unexpected error (EX_SOFTWARE). */
export const CRASH_EXIT = 70;

/** What the guard needs: the secrets known so far, where to write, how to stop. */
export interface CrashGuardOptions {
  /** Secrets the service has read or been given; grows while it runs. */
  readonly knownSecrets: ReadonlySet<string>;
  /** The process environment: every CALL_COURIER_* value is treated as a secret too. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Writes the report (stderr, at once: the process is about to end). */
  readonly write?: (text: string) => void;
  readonly exit?: (code: number) => void;
}

/**
 * Replaces Node's own crash printout, which quotes an error's message, stack and inspected
 * properties (request headers, bodies) as they are, with one report whose secrets are redacted;
 * then ends the process with status 70. Returns the undo.
 */
export function guardCrashes(options: CrashGuardOptions): () => void {
  const env = options.env ?? process.env;
  const write = options.write ?? ((text: string) => writeSync(2, text));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const crashed = (error: unknown): void => {
    const fromEnv = Object.entries(env)
      .filter(([name, value]) => name.startsWith('CALL_COURIER_') && value)
      .map(([, value]) => value as string);
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    const report = redactSecrets(
      `call-courier: stopped by an unexpected error (a bug: please report it): ${text}\n`,
      [...options.knownSecrets, ...fromEnv],
    );
    try {
      write(report);
    } finally {
      exit(CRASH_EXIT);
    }
  };
  process.on('uncaughtException', crashed);
  process.on('unhandledRejection', crashed);
  return () => {
    process.off('uncaughtException', crashed);
    process.off('unhandledRejection', crashed);
  };
}
