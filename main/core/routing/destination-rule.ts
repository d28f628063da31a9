import { z } from 'zod';
import type { CallMetadata } from '../metadata/call-metadata.ts';

/** The call details a destination's rule may look at: the single-valued canonical fields. */
export const RULE_FIELDS = [
  'direction',
  'queue',
  'agentId',
  'agentFirstName',
  'agentLastName',
  'clientId',
  'callId',
  'did',
  'campaign',
  'callType',
  'hangupBy',
  'skillGroup',
  'agentChannel',
] as const;

export type RuleField = (typeof RULE_FIELDS)[number];

/** A destination's rule after validation: each named field must have one of its values. */
export type DestinationRule = Readonly<Partial<Record<RuleField, readonly string[]>>>;

const ruleValues = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .transform((v) => (typeof v === 'string' ? [v] : v));

/** The `when` of a profile: `{ "direction": "OUT", "queue": ["Sales", "Support"] }`. */
export const destinationRuleSchema = z
  .strictObject(Object.fromEntries(RULE_FIELDS.map((f) => [f, ruleValues.optional()])))
  .refine((rule) => Object.keys(rule).length > 0, {
    error: 'must name at least one call detail, e.g. {"direction": "OUT"}',
  })
  .meta({
    description:
      'Deliver only recordings whose call details match: every field named must have one of its values (case does not matter). Others are skipped, saying which rule skipped them.',
    examples: [{ direction: 'OUT' }, { queue: ['Sales', 'Support'] }],
  }) as unknown as z.ZodType<DestinationRule, unknown>;

/**
 * Why a destination's rule does not take a recording, in plain words, or null when it
 * does (or the destination has no rule).
 */
export function ruleRefusal(
  profileId: string,
  rule: DestinationRule | undefined,
  metadata: CallMetadata,
): string | null {
  if (!rule) return null;
  for (const field of RULE_FIELDS) {
    const wanted = rule[field];
    if (!wanted) continue;
    const value = metadata[field];
    const allowed = wanted.join(' or ');
    if (value === undefined) {
      return `${profileId} takes only recordings with ${field} ${allowed}, and this one has no ${field}`;
    }
    const text = String(value).toLowerCase();
    if (!wanted.some((w) => w.toLowerCase() === text)) {
      return `${profileId} takes only recordings with ${field} ${allowed}; this one has ${String(value)}`;
    }
  }
  return null;
}
