import { z } from 'zod';

/** What the service hides from the people who watch it (supervisors, IT). */
export const privacySchema = z
  .strictObject({
    maskPhoneNumbers: z.boolean().default(false).meta({
      description:
        'Show only the last four digits of client phone numbers in the window, the API, events, logs and diagnostics (the platform still receives them whole).',
    }),
  })
  .meta({ description: 'Privacy of the calls shown to supervisors and IT.' });
