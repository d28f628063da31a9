import type { OptionDeclaration } from './declaration.ts';

/** The platform's address; https only, except for a loopback test server. */
export function baseUrlOption(
  help: string,
  example: string,
  defaultUrl?: string,
): OptionDeclaration {
  return {
    name: 'baseUrl',
    label: 'Server address',
    type: 'url',
    help,
    required: defaultUrl === undefined,
    ...(defaultUrl === undefined ? {} : { default: defaultUrl }),
    examples: [example],
  };
}

/** Lets a destination that needs stereo take mono recordings anyway. */
export const allowMonoOption: OptionDeclaration = {
  name: 'allowMono',
  label: 'Send mono recordings',
  type: 'boolean',
  default: false,
  advanced: true,
  help: 'Send single-channel recordings instead of stopping them. The platform cannot then tell the agent from the client.',
};

/** Where the extra CA certificate of an HTTPS platform is read from (an on-premises server). */
export const CA_CERTIFICATE_OPTION = 'caCertificate';

/** How long a request may stall before its attempt is given up (rclone's --timeout). */
export const TIMEOUT_OPTION = 'timeoutSeconds';

/** Connection settings every HTTP destination has: a private CA to trust, and the idle timeout. */
export const httpConnectionOptions: readonly OptionDeclaration[] = [
  {
    name: CA_CERTIFICATE_OPTION,
    label: 'Extra CA certificate file',
    type: 'string',
    advanced: true,
    help:
      "The path of a PEM file holding your company's certificate authority, for a server whose certificate it signed (an on-premises platform). " +
      'It is trusted besides the usual authorities; the certificate is still checked, never skipped.',
    examples: ['/etc/call-courier/company-ca.pem'],
  },
  {
    name: TIMEOUT_OPTION,
    label: 'Idle timeout (seconds)',
    type: 'integer',
    min: 1,
    max: 3600,
    advanced: true,
    help:
      'How long a connection may stay silent (no answer, and no part of the recording taken) before the attempt is given up and retried later. ' +
      'A slow but moving upload is never cut. Left out, 300 seconds.',
  },
];
