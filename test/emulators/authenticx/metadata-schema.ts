import { z } from 'zod';

/** Seed 003's examples: a date, or a date and time with optional fraction and optional Z or offset. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const text = z.string({
  error: (issue) => (issue.input === undefined ? 'is required' : 'must be text'),
});

/**
 * The `metadata` document of Media/Upload, field by field as seed 003 lists it, with the
 * types its examples show. Unknown fields are refused so that a misspelt name fails.
 */
export const mediaMetadataSchema = z.strictObject({
  FileName: text.min(1, { error: 'is required' }),
  UploadType: z.enum(['Audio', 'Chat'], { error: 'must be "Audio" or "Chat"' }),
  CallDirection: z
    .enum(['Inbound', 'Outbound'], { error: 'must be "Inbound" or "Outbound"' })
    .optional(),
  Name: text.optional(),
  Phone: text.optional(),
  Email: text.optional(),
  AgentFirstName: text.optional(),
  AgentLastName: text.optional(),
  AgentCode: text.optional(),
  InteractionDate: text
    .regex(ISO_8601, { error: 'must be an ISO-8601 date or date and time' })
    .refine((v) => !Number.isNaN(Date.parse(v)), { error: 'is not a real date' })
    .optional(),
  /** Deprecated by Authenticx, still accepted. */
  ExtendedMetadata: z.array(z.record(z.string(), text)).optional(),
  ExtendedMetadataValues: z
    .record(z.string().min(1, { error: 'keys must not be empty' }), text, {
      error: 'must be a dictionary of text values',
    })
    .optional(),
  HierarchyId: text.regex(GUID, { error: 'must be a GUID' }).optional(),
  HierarchyCode: text.min(1).optional(),
  ApplyHierarchyToAgent: z.boolean({ error: 'must be true or false' }).optional(),
  LocaleId: z
    .union([z.literal(1033), z.literal(2058)], { error: 'must be the number 1033 or 2058' })
    .optional(),
  ClientCallId: text.optional(),
});

/** A metadata document as the emulator accepted it. */
export type ReceivedMetadata = z.infer<typeof mediaMetadataSchema>;

/** The document, or ASP.NET-style errors (field → messages) saying what is wrong with it. */
export function checkMetadata(
  value: unknown,
):
  | { readonly ok: true; readonly metadata: ReceivedMetadata }
  | { readonly ok: false; readonly errors: Readonly<Record<string, string[]>> } {
  const parsed = mediaMetadataSchema.safeParse(value);
  if (parsed.success) return { ok: true, metadata: parsed.data };
  const errors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [issue.path.join('.')];
    for (const key of keys) {
      const field = key === '' ? 'metadata' : key;
      const words =
        issue.code === 'unrecognized_keys' ? 'is not a field of the metadata' : issue.message;
      (errors[field] ??= []).push(`${field} ${words}`);
    }
  }
  return { ok: false, errors };
}
