import { connectorsMarkdown } from '../main/core/connectors/docs.ts';
import { CONNECTORS } from '../main/core/connectors/registry.ts';
import { settingsJsonSchema } from '../main/core/settings/json-schema.ts';
import { policyJsonSchema } from '../main/core/policy/policy-json-schema.ts';
import { format } from 'prettier';

/** Every generated file by its path in the repository, with the content it must have. */
export async function generatedFiles(): Promise<Record<string, string>> {
  return {
    'build/config.schema.json': `${JSON.stringify(settingsJsonSchema(), null, 2)}\n`,
    'build/policy.schema.json': `${JSON.stringify(policyJsonSchema(), null, 2)}\n`,
    'docs/connectors.md': await format(connectorsMarkdown(CONNECTORS), {
      parser: 'markdown',
      proseWrap: 'preserve',
    }),
  };
}
