import { isDeepStrictEqual } from 'node:util';
import type { CallMetadata } from '../../metadata/call-metadata.ts';
import { parseEnderTuringName } from '../../metadata/presets/enderturing.ts';
import { RejectedError } from '../errors.ts';
import { CRM_FIELDS, crmValue } from './crm-fields.ts';

/** A canonical call detail and the Ender Turing metadata field it is sent as. */
export interface EnderTuringFieldMapping {
  readonly canonical: Exclude<keyof CallMetadata, 'extra'>;
  /** The Ender Turing field, as the document names it. */
  readonly field: string;
  /** Where Ender Turing documents that name, or that Call Courier chose it. */
  readonly source: string;
  /** The field(s) and value(s) sent for this detail. */
  readonly entries: (metadata: CallMetadata) => readonly (readonly [string, unknown])[];
}

const SEED_000 = "seed 000 (the Filename Parser's answer)";
const CHOSEN = 'not documented: named by Call Courier in Ender Turing style';

/**
 * How the canonical call details are sent (those Ender Turing already read from the
 * file name are left out; see `enderTuringMetadata`). Sidecar keys that are not call
 * details go at the top level under their own names, as seed 001's example does.
 */
export const ENDER_TURING_METADATA_FIELDS: readonly EnderTuringFieldMapping[] = [
  mapped('startTime', 'start_dt', `${SEED_000}; UTC, without an offset`, (start) =>
    new Date(start).toISOString().slice(0, 19),
  ),
  mapped('agentId', 'agent_phone_number', SEED_000),
  {
    canonical: 'clientId',
    field: 'caller_id (inbound) or destination_id (outbound)',
    source: `${SEED_000}; not sent for other directions`,
    entries: ({ clientId, direction }) => {
      if (clientId === undefined) return [];
      if (direction === 'IN') return [['caller_id', clientId]];
      return direction === 'OUT' ? [['destination_id', clientId]] : [];
    },
  },
  mapped('direction', 'direction', `${SEED_000}; UNKNOWN is not sent`, (d) =>
    d === 'UNKNOWN' ? undefined : d,
  ),
  mapped('agentChannel', 'agent_channel', SEED_000),
  mapped('campaign', 'campaign_name', 'seed 001'),
  mapped('queue', 'queue_name', "seed 001 (the sessions search's filter)"),
  mapped('callId', 'call_id', CHOSEN),
  mapped('agentFirstName', 'agent_first_name', CHOSEN),
  mapped('agentLastName', 'agent_last_name', CHOSEN),
  mapped('waitingTimeSec', 'waiting_time', `${CHOSEN}; seconds`),
  mapped('did', 'did', CHOSEN),
  mapped('callType', 'call_type', `${CHOSEN}; Manual or Automatic, as seed 000 spells them`, (t) =>
    t === 'manual' ? 'Manual' : 'Automatic',
  ),
  mapped('hangupBy', 'hangup_by', `${CHOSEN}; agent, client or unknown`),
  mapped('skillGroup', 'skill_group', CHOSEN),
  mapped('holds', 'holds', `${CHOSEN}; a list of "startSec-endSec", seed 000's notation`, (holds) =>
    holds.map((h) => `${h.startSec}-${h.endSec}`),
  ),
];

/**
 * The JSON document for `PUT /api/v1/sessions/{id}/metadata` (seed 001): the sidecar's
 * CRM fields (fcr, csi, nps, customer_id, crm_statuses, campaign_name) in their
 * documented types, its other keys as they are, and the call details Ender Turing did
 * not already read from the file name. Throws RejectedError for a value of a
 * documented field that Ender Turing would refuse.
 */
export function enderTuringMetadata(
  metadata: CallMetadata,
  fileName: string,
): Record<string, unknown> {
  const parsed = parseEnderTuringName(fileName);
  const fromName = parsed.ok ? parsed.metadata : null;
  const document: Record<string, unknown> = {};
  for (const mapping of ENDER_TURING_METADATA_FIELDS) {
    if (alreadyInName(mapping.canonical, metadata, fromName)) continue;
    for (const [field, value] of mapping.entries(metadata)) document[field] = value;
  }
  for (const [key, value] of Object.entries(metadata.extra ?? {})) {
    if (value === null || fromName?.extra?.[key] === value) continue;
    const type = CRM_FIELDS[key];
    if (type === undefined) {
      document[key] = value;
      continue;
    }
    const read = crmValue(type, value);
    if (!read.ok) {
      throw new RejectedError(
        `the call details of ${fileName} give ${key} as ${JSON.stringify(value)}, which Ender Turing does not take: use ${read.expected}`,
      );
    }
    document[key] = read.value;
  }
  return document;
}

/** The fields of a metadata document that hold lists (crm_statuses, holds). */
export function listFields(document: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(document).filter((key) => Array.isArray(document[key]));
}

/**
 * The document with each list field joined to the values the session already has
 * (theirs first, then the new ones they lack), as seed 001 asks: lists are appended,
 * never overwritten.
 */
export function withExistingLists(
  document: Readonly<Record<string, unknown>>,
  session: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const joined: Record<string, unknown> = { ...document };
  for (const key of listFields(document)) {
    const theirs = session[key];
    const ours = document[key] as readonly unknown[];
    if (!Array.isArray(theirs)) continue;
    const seen = new Set(theirs.map((value) => JSON.stringify(value)));
    joined[key] = [...theirs, ...ours.filter((value) => !seen.has(JSON.stringify(value)))];
  }
  return joined;
}

/** The document without its list fields. */
export function withoutLists(document: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(document).filter(([, value]) => !Array.isArray(value)));
}

/** Whether Ender Turing read this detail, with this value, from the file name itself. */
function alreadyInName(
  key: EnderTuringFieldMapping['canonical'],
  metadata: CallMetadata,
  fromName: CallMetadata | null,
): boolean {
  if (fromName === null || fromName[key] === undefined) return false;
  // The name's time is read in its own time zone: the platform's reading of it stands.
  return key === 'startTime' || isDeepStrictEqual(fromName[key], metadata[key]);
}

/** A detail sent as one field, converted when Ender Turing spells it differently. */
function mapped<K extends EnderTuringFieldMapping['canonical']>(
  canonical: K,
  field: string,
  source: string,
  convert: (value: NonNullable<CallMetadata[K]>) => unknown = (value) => value,
): EnderTuringFieldMapping {
  return {
    canonical,
    field,
    source,
    entries: (metadata) => {
      const value = metadata[canonical];
      if (value === undefined) return [];
      const converted = convert(value);
      return converted === undefined ? [] : [[field, converted]];
    },
  };
}
