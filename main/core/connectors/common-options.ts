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
