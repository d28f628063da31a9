import type { CallMetadata, HoldSegment } from '../../metadata/call-metadata.ts';

/**
 * The canonical fields Authenticx has no field of its own for, each under the key it
 * gets in ExtendedMetadataValues (a dictionary of text, seed 003), and how its value is
 * written.
 */
const EXTENDED_FIELDS: readonly {
  readonly key: string;
  readonly value: (metadata: CallMetadata) => string | undefined;
}[] = [
  { key: 'Direction', value: (m) => (m.direction === 'INTERNAL' ? 'Internal' : undefined) },
  {
    key: 'AgentChannel',
    value: (m) => (m.agentChannel === undefined ? undefined : ['left', 'right'][m.agentChannel]),
  },
  { key: 'Queue', value: (m) => m.queue },
  { key: 'WaitingTimeSec', value: (m) => optionalText(m.waitingTimeSec) },
  { key: 'DialedNumber', value: (m) => m.did },
  { key: 'Campaign', value: (m) => m.campaign },
  { key: 'CallType', value: (m) => m.callType },
  { key: 'HangupBy', value: (m) => m.hangupBy },
  { key: 'SkillGroup', value: (m) => m.skillGroup },
  { key: 'Holds', value: (m) => holdsText(m.holds) },
];

/**
 * ExtendedMetadataValues from the call details Authenticx has no field for: the keys
 * of EXTENDED_FIELDS, then every `extra` key as it came (a canonical key wins over an
 * extra of the same name; empty keys and null values are left out). Every value is
 * text. Undefined when nothing remains.
 */
export function extendedMetadataValues(
  metadata: CallMetadata,
): Readonly<Record<string, string>> | undefined {
  const values: Record<string, string> = {};
  for (const { key, value } of EXTENDED_FIELDS) {
    const text = value(metadata);
    if (text !== undefined) values[key] = text;
  }
  for (const [key, value] of Object.entries(metadata.extra ?? {})) {
    if (key === '' || value === null || key in values) continue;
    values[key] = String(value);
  }
  return Object.keys(values).length === 0 ? undefined : values;
}

/** Holds as "start-end" seconds from the start of the recording, comma-separated: "12-30,45.5-50". */
function holdsText(holds: readonly HoldSegment[] | undefined): string | undefined {
  if (holds === undefined || holds.length === 0) return undefined;
  return holds.map((h) => `${h.startSec}-${h.endSec}`).join(',');
}

function optionalText(value: number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}
