// The crash report that replaces Node's (and Electron's) own: secrets the service knows, and
// every CALL_COURIER_* value, are redacted; the error's inspected properties are not printed.
import { afterEach, describe, expect, it } from 'vitest';
import { CRASH_EXIT, guardCrashes } from '../../../main/core/crash-guard.ts';
import { newCanary } from './leak-scan.ts';

let undo: (() => void) | undefined;
afterEach(() => undo?.());

/** The listener the guard added for an event (called directly: no real crash in the test runner). */
function added(event: 'uncaughtException' | 'unhandledRejection', before: readonly unknown[]) {
  const now: readonly unknown[] = process.listeners(event as 'uncaughtException');
  const listener = now.find((l) => !before.includes(l));
  if (!listener) throw new Error(`no ${event} listener was added`);
  return listener as (error: unknown) => void;
}

describe('the crash report', () => {
  it.each(['uncaughtException', 'unhandledRejection'] as const)(
    'on %s: says what happened, redacts every secret, and ends the process with 70',
    (event) => {
      const known = newCanary('known');
      const fromEnv = newCanary('env');
      const before: readonly unknown[] = process.listeners(event as 'uncaughtException');
      const written: string[] = [];
      const exits: number[] = [];
      undo = guardCrashes({
        knownSecrets: new Set([known.value]),
        env: { CALL_COURIER_ET_PASSWORD: fromEnv.value, HOME: '/home/me' },
        write: (text) => written.push(text),
        exit: (code) => exits.push(code),
      });
      const error = new Error(`login failed for ${known.value} / ${fromEnv.value}`, {
        cause: { headers: { authorization: `Basic ${known.value}` } },
      });
      added(event, before)(error);
      expect(exits).toEqual([CRASH_EXIT]);
      const report = written.join('');
      expect(report).toMatch(
        /^call-courier: stopped by an unexpected error \(a bug: please report it\): Error: login failed for \*\*\* \/ \*\*\*\n/,
      );
      expect(report).not.toContain(known.value);
      expect(report).not.toContain(fromEnv.value);
      expect(report).not.toContain('authorization');
    },
  );
});
