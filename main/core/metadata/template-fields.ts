import type { CallMetadata } from './call-metadata.ts';
import { readCallType, readDirection, readHangupSide } from './vocabulary.ts';

/** What reading one field's text gave: metadata, or why the text does not fit. */
export type FieldReading = { readonly metadata: CallMetadata } | { readonly reason: string };

/** A `{field}` a template may hold: which canonical fields it sets, how it reads and writes. */
export interface TemplateField {
  readonly sets: readonly (keyof CallMetadata)[];
  /** Reads the text the name has in the field's place. */
  readonly read: (text: string) => FieldReading;
  /** Writes the field from metadata; undefined when the metadata lacks it. */
  readonly write: (metadata: CallMetadata) => string | undefined;
}

const STRING_FIELDS = [
  'agentId',
  'agentFirstName',
  'agentLastName',
  'clientId',
  'callId',
  'queue',
  'did',
  'campaign',
  'skillGroup',
] as const;

function stringField(name: (typeof STRING_FIELDS)[number]): TemplateField {
  return { sets: [name], read: (text) => ({ metadata: { [name]: text } }), write: (m) => m[name] };
}

const notA = (text: string, what: string, allowed: string): FieldReading => ({
  reason: `'${text}' is not ${what}: use ${allowed}`,
});

const TYPED_FIELDS: Readonly<Record<string, TemplateField>> = {
  direction: {
    sets: ['direction'],
    read: (text) => {
      const direction = readDirection(text);
      return direction
        ? { metadata: { direction } }
        : notA(text, 'a direction', 'IN, OUT, INTERNAL or UNKNOWN');
    },
    write: (m) => m.direction,
  },
  agentChannel: {
    sets: ['agentChannel'],
    read: (text) =>
      text === '0' || text === '1'
        ? { metadata: { agentChannel: text === '0' ? 0 : 1 } }
        : notA(text, 'an agent channel', '0 or 1'),
    write: (m) => (m.agentChannel === undefined ? undefined : String(m.agentChannel)),
  },
  waitingTimeSec: {
    sets: ['waitingTimeSec'],
    read: (text) =>
      /^\d+$/.test(text)
        ? { metadata: { waitingTimeSec: Number(text) } }
        : notA(text, 'a waiting time', 'whole seconds, such as 11'),
    write: (m) =>
      m.waitingTimeSec !== undefined && Number.isInteger(m.waitingTimeSec)
        ? String(m.waitingTimeSec)
        : undefined,
  },
  callType: {
    sets: ['callType'],
    read: (text) => {
      const callType = readCallType(text);
      return callType
        ? { metadata: { callType } }
        : notA(text, 'a call type', 'manual or automatic');
    },
    write: (m) => m.callType,
  },
  hangupBy: {
    sets: ['hangupBy'],
    read: (text) => {
      const hangupBy = readHangupSide(text);
      return hangupBy
        ? { metadata: { hangupBy } }
        : notA(text, 'who hung up', 'agent, client or unknown');
    },
    write: (m) => m.hangupBy,
  },
  agentName: {
    sets: ['agentFirstName', 'agentLastName'],
    read: (text) => {
      const [first = '', ...rest] = text.split('-');
      const last = rest.join('-');
      return first
        ? { metadata: { agentFirstName: first, ...(last ? { agentLastName: last } : {}) } }
        : notA(text, "an agent's name", 'First-Last');
    },
    write: (m) =>
      m.agentFirstName === undefined
        ? undefined
        : [m.agentFirstName, m.agentLastName].filter(Boolean).join('-'),
  },
};

/** Every `{field}` a template may name, by name. */
export const TEMPLATE_FIELDS: ReadonlyMap<string, TemplateField> = new Map([
  ...STRING_FIELDS.map((name) => [name, stringField(name)] as const),
  ...Object.entries(TYPED_FIELDS),
]);
