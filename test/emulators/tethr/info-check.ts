import { z } from 'zod';

/** The audio formats the archive takes, and the content type each `data` part must have. */
export const DATA_TYPE_OF_FORMAT: Readonly<Record<string, string>> = {
  wav: 'audio/wav',
  mp3: 'audio/mp3',
  opus: 'audio/ogg',
};

const isoTime = z.iso.datetime({ offset: true });

const contactSchema = z.strictObject({
  type: z.enum(['agent', 'customer']),
  channel: z.int().nonnegative(),
  phoneNumber: z.string().min(1).optional(),
  referenceId: z.string().min(1).optional(),
  firstName: z.string().min(1).optional(),
  lastName: z.string().min(1).optional(),
});

/**
 * The `info` document as seed 002 documents it. Stricter than the platform in one way on
 * purpose: unknown fields are refused, so that a misspelt field fails the tests instead of
 * being silently dropped.
 */
export const infoSchema = z
  .strictObject({
    sessionId: z.string().min(1),
    masterCallId: z.string().min(1).optional(),
    audio: z.strictObject({ format: z.enum(['wav', 'mp3', 'opus']) }),
    startTime: isoTime,
    endTime: isoTime,
    direction: z.enum(['Inbound', 'Outbound', 'Internal', 'Unknown']).optional(),
    numberDialed: z.string().min(1).optional(),
    contacts: z.array(contactSchema).optional(),
    metaData: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((info) => Date.parse(info.endTime) >= Date.parse(info.startTime), {
    message: 'endTime must not be before startTime',
    path: ['endTime'],
  });

/** A checked `info` document. */
export type ArchiveInfo = z.infer<typeof infoSchema>;

/** The parsed `info`, or why the platform refuses it. */
export function checkInfo(
  text: string,
):
  | { readonly ok: true; readonly info: ArchiveInfo }
  | { readonly ok: false; readonly reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'The info part is not valid JSON' };
  }
  const parsed = infoSchema.safeParse(value);
  if (parsed.success) return { ok: true, info: parsed.data };
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'info'}: ${i.message}`);
  return { ok: false, reason: `The info part is invalid: ${problems.join('; ')}` };
}
