/** What a hidden digit of a phone number is shown as. */
export const MASK_CHARACTER = '•';

/** Digits kept at the end of a masked number, so that a person can still tell calls apart. */
const KEPT_DIGITS = 4;

/** A number this long or longer is a phone number, not an extension (vocabulary.ts: isExtension). */
const MIN_PHONE_DIGITS = 7;

/** A run of digits long enough to be a phone number, in free text. */
const DIGIT_RUN = new RegExp(`\\d{${MIN_PHONE_DIGITS},}`, 'g');

/** A date or time stamp in a recording's name (20240124, 20240124081900), which is not a phone number. */
const DATE_STAMP =
  /^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:[01]\d|2[0-3])?(?:[0-5]\d){0,2}$/;

/** `380990000499` → `••••••••0499`: every digit but the last four hidden; other characters (+, spaces) kept. */
export function maskPhoneNumber(value: string): string {
  const digits = value.replace(/\D/g, '').length;
  let seen = 0;
  return value.replace(/\d/g, (digit) => {
    seen += 1;
    return seen > digits - KEPT_DIGITS ? digit : MASK_CHARACTER;
  });
}

/** Whether a value holds enough digits to be a phone number (not an extension, a name or an id word). */
export function looksLikePhoneNumber(value: string): boolean {
  return (
    /^\+?[\d\s().-]+$/.test(value.trim()) && value.replace(/\D/g, '').length >= MIN_PHONE_DIGITS
  );
}

/**
 * Masks phone numbers in free text (a file name, a path, an error message, a log line): the digits
 * of each known number wherever they appear, then any other run of 7 or more digits that is not
 * a date stamp.
 */
export function maskPhoneNumbersIn(text: string, known: readonly string[] = []): string {
  let masked = text;
  for (const phone of known) {
    const digits = phone.replace(/\D/g, '');
    if (digits.length < MIN_PHONE_DIGITS) continue;
    masked = masked.replaceAll(digits, maskPhoneNumber(digits));
  }
  return masked.replace(DIGIT_RUN, (run) => (DATE_STAMP.test(run) ? run : maskPhoneNumber(run)));
}

/** Masks phone numbers inside the string values of a JSON text (a log line), leaving numbers and keys intact. */
export function maskPhoneNumbersInJson(line: string): string {
  return line.replace(/"(?:[^"\\]|\\.)*"/g, (literal) => maskPhoneNumbersIn(literal));
}
