import { z } from 'zod';

export const DIRECTIONS = ['IN', 'OUT', 'INTERNAL', 'UNKNOWN'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const CALL_TYPES = ['manual', 'automatic'] as const;
export const HANGUP_SIDES = ['agent', 'client', 'unknown'] as const;

const extraValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** A hold during the call, in seconds from the start of the recording. */
export const holdSegmentSchema = z
  .object({
    startSec: z.number().nonnegative(),
    endSec: z.number().nonnegative(),
  })
  .refine((h) => h.endSec >= h.startSec, { message: 'a hold must end after it starts' });

/**
 * The canonical call metadata every connector maps from. Every field is optional:
 * a recording carries what its name, its sidecar and its folder's settings say.
 */
export const callMetadataSchema = z.strictObject({
  /** ISO 8601 with the offset of the watch folder's time zone, e.g. 2024-04-01T15:20:00Z. */
  startTime: z.iso.datetime({ offset: true, local: false }).optional(),
  agentId: z.string().min(1).optional(),
  agentFirstName: z.string().min(1).optional(),
  agentLastName: z.string().min(1).optional(),
  clientId: z.string().min(1).optional(),
  direction: z.enum(DIRECTIONS).optional(),
  /** Which stereo channel carries the agent (0 = left, 1 = right). */
  agentChannel: z.union([z.literal(0), z.literal(1)]).optional(),
  callId: z.string().min(1).optional(),
  queue: z.string().min(1).optional(),
  waitingTimeSec: z.number().nonnegative().optional(),
  /** The company number the client dialled (inbound). */
  did: z.string().min(1).optional(),
  campaign: z.string().min(1).optional(),
  callType: z.enum(CALL_TYPES).optional(),
  hangupBy: z.enum(HANGUP_SIDES).optional(),
  skillGroup: z.string().min(1).optional(),
  holds: z.array(holdSegmentSchema).optional(),
  /** Any other key the name or the sidecar carried. */
  extra: z.record(z.string(), extraValue).optional(),
});

export type CallMetadata = Readonly<z.infer<typeof callMetadataSchema>>;
export type HoldSegment = Readonly<z.infer<typeof holdSegmentSchema>>;
export type ExtraValue = z.infer<typeof extraValue>;

/** The canonical field names, in display order. */
export const CALL_METADATA_FIELDS = Object.keys(callMetadataSchema.shape) as (keyof CallMetadata)[];
