import { z } from 'zod';
import { parseDiskThreshold } from '../alarms/disk-threshold.ts';
import { parseClock, parseDays } from './units.ts';

const clock = z.string().refine((v) => parseClock(v) !== undefined, {
  error: 'must be a time of day as HH:MM, e.g. "09:00"',
});

const off = z.literal('off');

const minutes = z
  .number()
  .refine((v) => v > 0, { error: 'must be a number of minutes above 0' })
  .meta({ exclusiveMinimum: 0 });

const noNewRecordingsSchema = z.strictObject({
  minutes: minutes.default(60).meta({
    description: 'How long without a new recording, in business hours, before the alarm comes on.',
  }),
  days: z
    .string()
    .default('mon-fri')
    .refine((v) => parseDays(v) !== undefined, {
      error: 'must be days such as "mon-fri", "sat,sun" or "daily"',
    })
    .meta({ description: 'The business days (local time).' }),
  from: clock.default('09:00').meta({ description: 'When business hours start (local time).' }),
  to: clock.default('18:00').meta({ description: 'When business hours end (local time).' }),
});

/** Alarms that catch silent failures; each clears itself when its condition ends. */
export const alarmsSchema = z
  .strictObject({
    noNewRecordings: z
      .union([off, noNewRecordingsSchema])
      .default(noNewRecordingsSchema.parse({}))
      .meta({
        description:
          'No new recording found in business hours for this long: the recorder or PBX may have stopped. "off" to switch it off.',
      }),
    backlogOlderThanMinutes: z.union([off, minutes]).default(120).meta({
      description:
        'The oldest recording not yet delivered has waited longer than this many minutes. "off" to switch it off.',
    }),
    lowDiskFreeBelow: z
      .string()
      .default('2GB')
      .refine((v) => parseDiskThreshold(v) !== undefined, {
        error: 'must be a size such as "2GB" or "500MB", a share such as "5%", or "off"',
      })
      .meta({
        description:
          'Free space on the drive of a watch folder or of the data folder below which the alarm comes on: a size ("2GB") or a share ("5%"), or "off".',
      }),
  })
  .meta({
    description: 'Alarms that catch silent failures, shown in the window, tray and /metrics.',
  });

/** The alarm settings after validation (defaults applied). */
export type AlarmSettings = z.output<typeof alarmsSchema>;
