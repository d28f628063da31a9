import type { NamePreview } from '../../../../preload/api.ts';
import { formatDateTime, type TimeStyle } from '../../format/times.ts';

/** One line of the name preview: what was read, in words. */
export interface MetadataRow {
  readonly label: string;
  readonly value: string;
}

const LABELS: Readonly<Record<string, string>> = {
  startTime: 'Call started',
  agentId: 'Agent',
  agentFirstName: 'Agent first name',
  agentLastName: 'Agent last name',
  clientId: 'Client',
  direction: 'Direction',
  agentChannel: 'Agent on channel',
  callId: 'Call id',
  queue: 'Queue',
  waitingTimeSec: 'Waiting time',
  did: 'Number dialled',
  campaign: 'Campaign',
  callType: 'Call type',
  hangupBy: 'Hung up by',
  skillGroup: 'Skill group',
  holds: 'Holds',
};

const DIRECTIONS: Readonly<Record<string, string>> = {
  IN: 'Inbound',
  OUT: 'Outbound',
  INTERNAL: 'Internal',
  UNKNOWN: 'Unknown',
};

/**
 * The call details a name preview read, as labelled lines in the canonical order; the start
 * time in the given time zone (the folder's), other keys ("extra") by their own names.
 */
export function metadataRows(
  metadata: NamePreview['metadata'],
  style: TimeStyle = {},
): MetadataRow[] {
  const rows: MetadataRow[] = [];
  for (const [key, label] of Object.entries(LABELS)) {
    const value = (metadata as Readonly<Record<string, unknown>>)[key];
    if (value === undefined) continue;
    rows.push({ label, value: describe(key, value, style) });
  }
  for (const [key, value] of Object.entries(metadata.extra ?? {})) {
    rows.push({ label: key, value: value === null ? '(empty)' : String(value) });
  }
  return rows;
}

function describe(key: string, value: unknown, style: TimeStyle): string {
  switch (key) {
    case 'startTime':
      return typeof value === 'string'
        ? formatDateTime(value, {
            ...(style.locale !== undefined && { locale: style.locale }),
            ...(style.timeZone !== undefined && { timeZone: safeZone(style.timeZone) }),
          })
        : String(value);
    case 'direction':
      return DIRECTIONS[String(value)] ?? String(value);
    case 'agentChannel':
      return value === 0 ? 'left (0)' : value === 1 ? 'right (1)' : String(value);
    case 'waitingTimeSec':
      return `${String(value)} s`;
    case 'holds':
      return Array.isArray(value) ? `${value.length}` : String(value);
    default:
      return String(value);
  }
}

function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}
