import { z } from 'zod';

/** Oliver's process ids are longs; they travel as numbers or numeric strings. */
const processId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]);

/**
 * A process as Oliver answers it (v5: `{pid, cid, name, status, statusmsg, duration,
 * datetime, meta}`; the legacy API's process object has the same core). Status is
 * 0 pending, 1 processing, 2 completed, negative when it failed (-2: no credits).
 */
export const processSchema = z
  .looseObject({
    pid: processId.optional(),
    /** The seed calls the legacy answer's process id `id`. */
    id: processId.optional(),
    status: z.number().int().optional(),
    statusmsg: z.string().nullish(),
  })
  .refine((p) => p.pid !== undefined || p.id !== undefined, { message: 'no process id' })
  .transform((p) => ({
    pid: String(p.pid ?? p.id),
    status: p.status,
    statusmsg: p.statusmsg ?? undefined,
  }));
export type OliverProcess = z.infer<typeof processSchema>;
