import { z } from 'zod';
import { settingsSchema } from './schema.ts';

/** The JSON Schema of the config file, for editors' completion and validation. */
export function settingsJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(settingsSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://call-courier.app/schema/config.schema.json',
  };
}
