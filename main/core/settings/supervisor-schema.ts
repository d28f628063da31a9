import { z } from 'zod';

/** Whether a text is an http:// or https:// address of a Call Courier instance (no path, query or credentials). */
export function workstationAddressError(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an address such as "http://192.168.1.20:8490" or "https://agent-07.office.lan:8490"';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'must start with http:// or https://';
  }
  if (url.username !== '' || url.password !== '') {
    return 'must not hold a user name or password: the monitor token is given separately';
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    return 'must be the workstation\'s address only, without a path, "?" or "#" part (a token never goes in an address)';
  }
  return null;
}

/** One Call Courier instance a supervisor watches; its monitor token is in the keychain, never here. */
export const workstationSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]{1,16}$/, { error: 'must be 1 to 16 lower-case letters or digits' }),
  label: z
    .string()
    .trim()
    .min(1, { error: 'must name the workstation' })
    .max(100)
    .meta({ description: 'Name shown in the supervisor table, e.g. "Agent 7 (front desk)".' }),
  address: z
    .string()
    .superRefine((text, ctx) => {
      const problem = workstationAddressError(text);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
    })
    .meta({
      description: 'Where the workstation serves its window and API.',
      examples: ['http://192.168.1.20:8490', 'https://agent-07.office.lan:8490'],
    }),
  caCertificate: z.string().min(1).optional().meta({
    description:
      "For an https:// address whose certificate your company's own authority signed: the path of that authority's PEM file.",
  }),
});

/** The supervisor view: the Call Courier instances it watches. */
export const supervisorSchema = z
  .strictObject({
    workstations: z
      .array(workstationSchema)
      .max(500)
      .default([])
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        for (const [index, workstation] of list.entries()) {
          if (seen.has(workstation.id)) {
            ctx.addIssue({
              code: 'custom',
              path: [index, 'id'],
              message: `"${workstation.id}" is used by two workstations: each needs its own id`,
            });
          }
          seen.add(workstation.id);
        }
      })
      .meta({ description: 'Workstations shown in the Workstations view.' }),
  })
  .meta({
    description: 'Other Call Courier instances this one watches (read-only, by monitor token).',
  });

export type Workstation = z.output<typeof workstationSchema>;
