import { z } from 'zod';
import { settingsJsonSchema } from '../settings/json-schema.ts';
import { policyFileSchema } from './policy-schema.ts';

/** The JSON Schema of the machine policy file; its "settings" are the config file's. */
export function policyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(policyFileSchema, { io: 'input', unrepresentable: 'any' });
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  return {
    ...schema,
    $id: 'https://call-courier.app/schema/policy.schema.json',
    properties: {
      ...properties,
      settings: {
        description: properties.settings?.description,
        default: {},
        $ref: String(settingsJsonSchema().$id),
      },
    },
  };
}
