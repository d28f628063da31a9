import { ConfigurationError } from '../errors.ts';

/** Codes of a certificate signed by no authority this computer trusts. */
const UNTRUSTED_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** Codes of TLS failures that retrying will not fix: the server's certificate is not trusted. */
export const CERTIFICATE_CODES: ReadonlySet<string> = new Set([
  ...UNTRUSTED_CODES,
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Who refused, for messages. */
export interface TlsFailureWords {
  /** The platform, e.g. "Ender Turing". */
  readonly label: string;
  /** The server's host name as the profile names it, when known. */
  readonly host?: string;
}

/**
 * The error for a server certificate this computer does not trust: what is wrong and what to
 * do, in plain words. The connection is never retried without the check.
 */
export function certificateFailure(
  code: string,
  error: unknown,
  words: TlsFailureWords,
): ConfigurationError {
  const server =
    words.host === undefined ? `${words.label}'s server` : `${words.label}'s server ${words.host}`;
  const found = certificateOf(error);
  const nothingSent = 'nothing was sent';
  let message: string;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = found?.subjectaltname ? ` (it names ${found.subjectaltname})` : '';
    message = `the certificate of ${server} is made out for another name${names}, so it cannot be told apart from an impostor; ${nothingSent}: check the server address of the profile, or have the certificate reissued for ${words.host ?? 'that address'}`;
  } else if (code === 'CERT_HAS_EXPIRED') {
    const when = found?.valid_to ? ` on ${found.valid_to}` : '';
    message = `the certificate of ${server} expired${when}; ${nothingSent}: whoever runs the server must renew it (or this computer's clock is wrong)`;
  } else if (code === 'CERT_NOT_YET_VALID') {
    const when = found?.valid_from ? ` until ${found.valid_from}` : '';
    message = `the certificate of ${server} is not valid yet${when}; ${nothingSent}: check this computer's date and time`;
  } else {
    message = `the certificate of ${server} is not signed by an authority this computer trusts; ${nothingSent}: if ${words.label} runs on your company's own server, set caCertificate of the profile to your company's CA certificate file (PEM)`;
  }
  return new ConfigurationError(`${message} [${code}]`, { cause: error });
}

interface PeerCertificate {
  readonly subjectaltname?: string;
  readonly valid_from?: string;
  readonly valid_to?: string;
}

/** The peer certificate Node attaches to some TLS errors (host name checks), if any. */
function certificateOf(error: unknown): PeerCertificate | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth += 1) {
    const cert = (e as { cert?: unknown }).cert;
    if (typeof cert === 'object' && cert !== null) return cert as PeerCertificate;
    e = e.cause;
  }
  return undefined;
}
