import { z } from 'zod';

/** A token server's answer to a client-credentials request (RFC 6749 §5.1). */
export const tokenAnswerSchema = z.looseObject({
  access_token: z.string().min(1),
  /** Required by the RFC; some servers leave it out, and then Bearer is assumed. */
  token_type: z.string().optional(),
  /** Seconds; a few servers write it as a string. */
  expires_in: z
    .union([z.number().positive(), z.string().regex(/^\d+$/).transform(Number)])
    .optional(),
});
export type TokenAnswer = z.infer<typeof tokenAnswerSchema>;

/** A token server's refusal (RFC 6749 §5.2). */
export const tokenErrorSchema = z.looseObject({
  error: z.string().min(1),
  error_description: z.string().optional(),
});
export type TokenError = z.infer<typeof tokenErrorSchema>;
