import { z } from 'zod';

/** Answer of `POST /api/v1/login/access-token`. */
export const loginResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  /** Not documented by Ender Turing; honoured when present. */
  expires_in: z.number().positive().optional(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/** Answer of `POST /api/v1/recognizer/audio-file`. */
export const uploadResponseSchema = z.object({
  session_id: z.string().min(1),
});
export type UploadResponse = z.infer<typeof uploadResponseSchema>;

/** One conversation in a session search; Ender Turing sends more fields than these. */
export const sessionItemSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
});
export type SessionItem = z.infer<typeof sessionItemSchema>;

/** Answer of `GET /api/v1/sessions?filters=…`. */
export const sessionsPageSchema = z.looseObject({
  items: z.array(sessionItemSchema),
});
export type SessionsPage = z.infer<typeof sessionsPageSchema>;
