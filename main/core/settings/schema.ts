import { z } from 'zod';
import { CONNECTORS } from '../connectors/registry.ts';
import { PRESET_IDS } from '../metadata/read-call-metadata.ts';
import type { OptionValues } from '../connectors/declaration.ts';
import { destinationRuleSchema, type DestinationRule } from '../routing/destination-rule.ts';
import { optionsSchema } from './option-schema.ts';
import { alarmsSchema } from './alarms-schema.ts';
import { privacySchema } from './privacy-schema.ts';
import { parseBandwidth, parseClock, parseDays } from './units.ts';
import { supervisorSchema } from './supervisor-schema.ts';
import { monitoringSchema } from './monitoring-schema.ts';

const profileId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, {
  error: 'must be 1 to 40 letters, digits, - or _, starting with a letter or digit',
});

const bandwidth = z.string().refine((v) => parseBandwidth(v) !== undefined, {
  error: 'must be a rate such as "2MB/s", "256KB/s" or "off"',
});

const clock = z.string().refine((v) => parseClock(v) !== undefined, {
  error: 'must be a time of day as HH:MM, e.g. "08:00"',
});

/** A folder the recorder writes into, and where its recordings go. */
export const watchFolderSchema = z.strictObject({
  path: z
    .string()
    .min(1, { error: 'must name a folder' })
    .meta({ description: 'The folder the recorder writes into.' }),
  recursive: z
    .boolean()
    .default(true)
    .meta({ description: 'Also watch sub-folders (most recorders file calls by date).' }),
  destinations: z
    .array(profileId)
    .min(1, { error: 'must name at least one profile id' })
    .meta({ description: 'Ids of the profiles every recording of this folder is delivered to.' }),
  preset: z
    .enum(PRESET_IDS)
    .optional()
    .meta({ description: 'How recording names are read. Left out, every preset is tried.' }),
  template: z
    .string()
    .min(1)
    .optional()
    .meta({
      description: 'A file name template for recorders no preset knows.',
      examples: ['{date:YYYYMMDD}_{time:HHmm}_{agentId}_{clientId}_{direction}_{agentChannel}'],
    }),
  timeZone: z
    .string()
    .default('UTC')
    .refine(isTimeZone, { error: 'must be a time zone name such as "UTC" or "Europe/Kyiv"' })
    .meta({ description: 'The time zone the recorder writes times in.' }),
  usePolling: z.boolean().default(false).meta({
    description:
      'Check the folder by polling: needed for network shares, where change events do not arrive.',
  }),
});

const profileCommon = {
  id: profileId.meta({ description: 'Short id that watch folders and secrets refer to.' }),
  label: z.string().min(1).optional().meta({ description: 'Name shown in the window.' }),
  allowInsecureHttp: z.boolean().default(false).meta({
    description:
      'Allow a plain http:// address for a host other than this computer. Credentials then travel unencrypted.',
  }),
  when: destinationRuleSchema.optional(),
};

/** A destination profile after validation: defaults applied, no secrets. */
export interface Profile {
  readonly id: string;
  readonly connector: string;
  readonly label?: string;
  readonly allowInsecureHttp: boolean;
  /** Only recordings whose call details match are delivered here; others are skipped. */
  readonly when?: DestinationRule;
  readonly options: OptionValues;
}

/** A destination: one account on one platform. Its options are generated from the connector's declaration. */
export const profileSchema = z.discriminatedUnion(
  'connector',
  CONNECTORS.map((c) =>
    z
      .strictObject({
        ...profileCommon,
        connector: z.literal(c.id),
        options: optionsSchema(c).default({}),
      })
      .meta({ title: c.label, description: c.summary }),
  ) as never,
) as unknown as z.ZodType<Profile, Record<string, unknown>>;

const scheduleEntrySchema = z.strictObject({
  days: z
    .string()
    .default('daily')
    .refine((v) => parseDays(v) !== undefined, {
      error: 'must be days such as "mon-fri", "sat,sun" or "daily"',
    }),
  from: clock,
  to: clock,
  bandwidthLimit: bandwidth.optional(),
  paused: z.boolean().default(false).meta({ description: 'Send nothing during this window.' }),
});

const afterUploadSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('keep') }),
  z.strictObject({
    action: z.literal('move'),
    archiveDir: z.string().min(1, { error: 'must name the archive folder' }),
  }),
  z.strictObject({
    action: z.literal('delete'),
    afterDays: z.int().min(0).default(30),
  }),
]);

const uploadSchema = z.strictObject({
  concurrency: z
    .int()
    .min(1)
    .max(16)
    .default(2)
    .meta({ description: 'Uploads at the same time, over all destinations.' }),
  concurrencyPerDestination: z.int().min(1).max(16).optional().meta({
    description: 'Uploads at the same time to one destination; the overall limit when left out.',
  }),
  bandwidthLimit: bandwidth
    .optional()
    .meta({ description: 'Upload rate limit outside the schedule, e.g. "2MB/s".' }),
  schedule: z
    .array(scheduleEntrySchema)
    .default([])
    .meta({ description: 'Time windows with their own rate limit, like rclone --bwlimit.' }),
  stableForSeconds: z.number().min(1).max(3600).default(5).meta({
    description: 'A recording is complete once its size and time have not changed for this long.',
  }),
  afterUpload: afterUploadSchema
    .default({ action: 'keep' })
    .meta({ description: 'What to do with a recording once the platform confirmed it.' }),
});

/** The whole configuration: the headless config file and the desktop settings store. */
export const settingsSchema = z
  .strictObject({
    $schema: z.string().optional(),
    watch: z.array(watchFolderSchema).default([]),
    profiles: z.array(profileSchema).default([]),
    upload: uploadSchema.default(uploadSchema.parse({})),
    backfill: z
      .strictObject({
        since: z.iso.date({ error: 'must be a date such as "2024-01-31"' }).optional().meta({
          description: 'Recordings already in the folders from before this date are not sent.',
        }),
      })
      .default({})
      .meta({ description: 'How far back recordings found at start are taken.' }),
    alarms: alarmsSchema.default(alarmsSchema.parse({})),
    privacy: privacySchema.optional(),
    supervisor: supervisorSchema.optional(),
    monitoring: monitoringSchema.optional(),
  })
  .meta({ title: 'Call Courier settings' });

export type Settings = z.output<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;
export type WatchFolder = z.output<typeof watchFolderSchema>;

/**
 * Whether Intl knows this IANA time zone name. The default, UTC, is always known: it is
 * answered without Intl, whose first date formatter reads ~5 MiB of ICU's locale data into
 * the memory of every service (an idle service with UTC folders never needs it otherwise).
 */
function isTimeZone(name: string): boolean {
  if (name === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
