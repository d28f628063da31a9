import { createRedactor } from '../secrets/redact.ts';
import { maskPhoneNumbersInJson } from './phone-mask.ts';

/**
 * What every log line goes through before it is written: known secrets and credential fields
 * redacted, and phone numbers masked inside its text while `masksPhoneNumbers()` says so.
 */
export function logLineRedactor(
  knownSecrets: ReadonlySet<string>,
  masksPhoneNumbers: () => boolean,
): (line: string) => string {
  return (line) => {
    // The set grows as secrets are read: a new redactor each time sees them all.
    const redacted = createRedactor(knownSecrets)(line);
    return masksPhoneNumbers() ? maskPhoneNumbersInJson(redacted) : redacted;
  };
}
