import { z } from 'zod';
import type { ConnectorDeclaration, OptionDeclaration } from '../connectors/declaration.ts';

/** Marks an issue raised because a secret was written into the settings. */
export const SECRET_IN_SETTINGS = 'secret-in-settings';

/** The zod schema of one declared option. */
export function optionSchema(option: OptionDeclaration): z.ZodType {
  if (option.secret) {
    // A secret may never be given here; the key is declared only to say where it belongs.
    return z
      .unknown()
      .refine((value) => value === undefined, {
        params: { kind: SECRET_IN_SETTINGS, field: option.name },
      })
      .optional()
      .meta({ description: `Secret: not allowed in this file. ${option.help}` });
  }
  const base = valueSchema(option).meta({ title: option.label, description: option.help });
  if (option.default !== undefined) return base.default(option.default);
  return option.required ? base : base.optional();
}

function valueSchema(option: OptionDeclaration): z.ZodType {
  switch (option.type) {
    case 'boolean':
      return z.boolean();
    case 'integer': {
      let schema = z.int();
      if (option.min !== undefined) schema = schema.min(option.min);
      if (option.max !== undefined) schema = schema.max(option.max);
      return schema;
    }
    case 'enum': {
      const values = (option.choices ?? []).map((c) => c.value) as [string, ...string[]];
      // Numeric choices (Authenticx locale 1033) may be written as numbers.
      return z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.enum(values));
    }
    case 'url': {
      const error = 'must be a full address such as https://example.com';
      if (!option.placeholders) return z.url({ error });
      // Each {placeholder} stands for a word here; the connector checks the placeholders.
      const url = z.url();
      return z
        .string()
        .refine((value) => url.safeParse(value.replace(/\{[^{}]*\}/g, 'x')).success, { error })
        .meta({ format: 'uri' });
    }
    case 'string':
      return z.string().trim().min(1, { error: 'must not be empty' });
    case 'map':
      // Names to text: HTTP headers, form fields. Values may be empty (a header sent empty).
      return z
        .record(z.string(), z.string())
        .refine((map) => !Object.hasOwn(map, ''), { error: 'has an entry with an empty name' });
    case 'integer-list': {
      let item = z.int();
      if (option.min !== undefined) item = item.min(option.min);
      if (option.max !== undefined) item = item.max(option.max);
      return z.array(item).min(1);
    }
  }
}

/** The strict schema of a connector's `options` object. */
export function optionsSchema(connector: ConnectorDeclaration): z.ZodType {
  const shape = Object.fromEntries(connector.options.map((o) => [o.name, optionSchema(o)]));
  return z.strictObject(shape).meta({ description: `Options for ${connector.label}.` });
}
