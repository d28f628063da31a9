import { z } from 'zod';
import type { NamingChoice } from './courier-contract.ts';
import { HttpError } from './http-answers.ts';

const text = (what: string) => z.string({ error: `${what} must be text` }).max(1000);

/** The body of POST /api/v1/name-preview: a sample name and the folder's naming settings. */
export const namePreviewRequestSchema = z.object({
  fileName: text('fileName'),
  naming: z
    .object({
      preset: text('naming.preset').optional(),
      template: text('naming.template').optional(),
      timeZone: text('naming.timeZone').optional(),
    })
    .default({}),
});

/** The sample name and naming of a preview request, or a 400 saying what to send. */
export function readNamePreviewRequest(body: unknown): {
  readonly fileName: string;
  readonly naming: NamingChoice;
} {
  const parsed = namePreviewRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const why = issue?.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue?.message;
  throw new HttpError(
    400,
    `send {"fileName": "…", "naming": {"preset"?, "template"?, "timeZone"?}} (${why ?? 'not an object'})`,
  );
}
