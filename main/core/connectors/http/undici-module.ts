import type * as Undici from 'undici';

let loading: Promise<typeof Undici> | undefined;

/**
 * undici, loaded by the first HTTP request rather than at start: about 110 modules and
 * 85 ms that a service delivering over SFTP only, or with nothing to send, does without.
 */
export function undici(): Promise<typeof Undici> {
  loading ??= import('undici');
  return loading;
}
