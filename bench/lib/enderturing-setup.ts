import { DEFAULT_USER } from '../../test/emulators/enderturing/enderturing-emulator.ts';

/** The id of the Ender Turing profile in the bench's settings; its password comes from ET_ENV. */
export const ET_PROFILE = 'et';

/** The environment that gives `call-courier run` the emulator user's password (CALL_COURIER_<PROFILE>_<FIELD>). */
export const ET_ENV: NodeJS.ProcessEnv = { CALL_COURIER_ET_PASSWORD: DEFAULT_USER.password };

/** Settings for `call-courier run`: one watched folder delivered to the Ender Turing emulator. */
export function enderTuringSettings(options: {
  readonly watchDir: string;
  readonly emulatorUrl: string;
  /** The `upload` section (concurrency, stableForSeconds, bandwidthLimit …). */
  readonly upload?: Readonly<Record<string, unknown>>;
}): unknown {
  return {
    watch: [{ path: options.watchDir, destinations: [ET_PROFILE] }],
    profiles: [
      {
        id: ET_PROFILE,
        connector: 'enderturing',
        options: { baseUrl: options.emulatorUrl, username: DEFAULT_USER.username },
      },
    ],
    upload: options.upload ?? {},
  };
}

/** The environment the curl snippets read: the emulator's address and the user. */
export function curlEnv(emulatorUrl: string): NodeJS.ProcessEnv {
  return {
    ET_URL: emulatorUrl,
    ET_USER: DEFAULT_USER.username,
    ET_PASSWORD: DEFAULT_USER.password,
  };
}

/**
 * Bash that logs in once, as Ender Turing's own curl example does, and leaves the bearer
 * token in $token. Reads $ET_URL, $ET_USER and $ET_PASSWORD.
 */
export const CURL_LOGIN = `token=$(curl -sS --fail -X POST "$ET_URL/api/v1/login/access-token" \\
  -H 'accept: application/json' -H 'Content-Type: application/x-www-form-urlencoded' \\
  --data-urlencode grant_type=password --data-urlencode "username=$ET_USER" \\
  --data-urlencode "password=$ET_PASSWORD" | sed -n 's/.*"access_token":"\\([^"]*\\)".*/\\1/p')
test -n "$token"`;

/** The upload address of Ender Turing's curl example, under $ET_URL. */
export const CURL_UPLOAD_URL =
  '$ET_URL/api/v1/recognizer/audio-file?language=en&detailed_realtime_results=false&advanced_language_identification=false';

/**
 * The arguments of one upload in Ender Turing's curl example, for the file `fileExpression`
 * (a shell word such as "$f" or {} for xargs). Needs $token and $ET_URL.
 */
export function curlUploadArgs(fileExpression: string): string {
  return (
    `-sS --fail -o /dev/null -X POST "${CURL_UPLOAD_URL}" ` +
    `-H "Authorization: Bearer $token" -H 'accept: application/json' ` +
    `-F "file=@${fileExpression};type=audio/wav"`
  );
}
