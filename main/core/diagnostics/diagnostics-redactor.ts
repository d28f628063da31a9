import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { maskPhoneNumbersIn, maskPhoneNumbersInJson } from '../privacy/phone-mask.ts';
import { createRedactor, REDACTED } from '../secrets/redact.ts';
import { API_TOKEN_FILE, MONITOR_TOKEN_FILE } from '../server/api-token.ts';

/** A password in an address: `https://user:password@host`. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@"']+:)[^\s/?#@"']+@/gi;

/** A token or key in an address's query: `?token=…`, `&key=…`, `sig=…`. */
const QUERY_CREDENTIALS = /([?&](?:[a-z_]*token|[a-z_]*key|sig|signature|auth|code)=)[^&\s"'#]+/gi;

/** Environment variables that are not secrets although they start like one. */
const NOT_SECRET_VARIABLES = new Set(['CALL_COURIER_DATA_DIR']);

/**
 * The secrets a diagnostics bundle must not hold that the data dir and environment know: the
 * local API's tokens and every CALL_COURIER_<PROFILE>_<FIELD> value.
 */
export async function localSecrets(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string[]> {
  const tokens = await Promise.all(
    [API_TOKEN_FILE, MONITOR_TOKEN_FILE].map((file) =>
      readFile(join(dataDir, file), 'utf8').then(
        (text) => text.trim(),
        () => '',
      ),
    ),
  );
  const fromEnv = Object.entries(env)
    .filter(([name]) => name.startsWith('CALL_COURIER_') && !NOT_SECRET_VARIABLES.has(name))
    .map(([, value]) => value ?? '');
  return [...tokens, ...fromEnv].filter((value) => value !== '');
}

/** Cleans the texts of a diagnostics bundle: free text (logs, notes) and JSON documents. */
export interface DiagnosticsRedactor {
  /** A text file: each JSON line masked inside its strings, any other line as free text. */
  text(text: string): string;
  /** A value written as indented JSON, cleaned inside its strings only (numbers stay numbers). */
  json(value: unknown): string;
}

/**
 * What every file of a diagnostics bundle goes through: known secrets, credential headers and
 * fields, passwords and tokens in addresses redacted; phone numbers masked when asked.
 */
export function diagnosticsRedactor(
  secrets: Iterable<string>,
  maskPhoneNumbers: boolean,
): DiagnosticsRedactor {
  const redact = createRedactor(secrets);
  const clean = (text: string): string =>
    redact(text)
      .replace(URL_CREDENTIALS, `$1${REDACTED}@`)
      .replace(QUERY_CREDENTIALS, `$1${REDACTED}`);
  return {
    text: (text) => {
      const redacted = clean(text);
      if (!maskPhoneNumbers) return redacted;
      return redacted
        .split('\n')
        .map((line) =>
          line.startsWith('{') ? maskPhoneNumbersInJson(line) : maskPhoneNumbersIn(line),
        )
        .join('\n');
    },
    json: (value) => {
      const redacted = clean(`${JSON.stringify(value, null, 2)}\n`);
      return maskPhoneNumbers ? maskPhoneNumbersInJson(redacted) : redacted;
    },
  };
}
