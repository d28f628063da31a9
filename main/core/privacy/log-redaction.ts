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
  // The set grows as secrets are read: the redactor is built again whenever it holds other
  // values than when it was built (a build compiles a pattern: a backlog logs thousands of lines).
  let builtFor: string | undefined;
  let redact: (line: string) => string = (line) => line;
  return (line) => {
    const current = [...knownSecrets].join('\0');
    if (current !== builtFor) {
      redact = createRedactor(knownSecrets);
      builtFor = current;
    }
    const redacted = redact(line);
    return masksPhoneNumbers() ? maskPhoneNumbersInJson(redacted) : redacted;
  };
}
