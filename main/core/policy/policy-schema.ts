import { z } from 'zod';

/** A settings path as a policy writes it: "upload.bandwidthLimit", "profiles". */
const settingsPath = z.string().regex(/^[A-Za-z$][A-Za-z0-9$]*(\.[A-Za-z$][A-Za-z0-9$]*)*$/, {
  error: 'must be a settings name such as "upload.bandwidthLimit" or "profiles"',
});

/** The machine-wide policy file: settings preset for every user, and which of them are locked. */
export const policyFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    settings: z.record(z.string(), z.unknown()).default({}).meta({
      description:
        'Settings in the config file format. Each applies where the user has not set it; locked ones always apply.',
    }),
    locked: z
      .array(settingsPath)
      .default([])
      .meta({
        description:
          'Settings people cannot change (read-only in the window, refused by the API). Each must have a value in "settings".',
        examples: [['upload.bandwidthLimit', 'profiles']],
      }),
    reason: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .default('Set by your IT department.')
      .meta({ description: 'Shown next to every locked setting, e.g. "Set by IT (ticket 4711)".' }),
  })
  .meta({ title: 'Call Courier machine policy' });

/** A policy file after validation. */
export type PolicyFile = z.output<typeof policyFileSchema>;
