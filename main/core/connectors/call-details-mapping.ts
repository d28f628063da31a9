import { CALL_METADATA_FIELDS, type CallMetadata } from '../metadata/call-metadata.ts';
import type { CallDetailsInput, ConnectorDeclaration, OptionValues } from './declaration.ts';

/** A call with every detail set, as the documentation shows the mapping for. */
export const SAMPLE_CALL: CallMetadata = {
  startTime: '2024-04-01T15:20:00+02:00',
  agentId: '1001',
  agentFirstName: 'Olena',
  agentLastName: 'Koval',
  clientId: '+380441234567',
  direction: 'IN',
  agentChannel: 0,
  callId: 'pbx-5521',
  queue: 'Sales',
  waitingTimeSec: 12,
  did: '+380445550000',
  campaign: 'Spring',
  callType: 'manual',
  hangupBy: 'client',
  skillGroup: 'Retail',
  holds: [{ startSec: 30, endSec: 45 }],
  extra: { ticket: 'T-77' },
};

/** One canonical call detail and where the platform receives it ([] when it does not). */
export interface FieldMapping {
  readonly field: keyof CallMetadata;
  readonly targets: readonly string[];
}

/** The sample call with one detail set to another value. */
const VARIED: CallMetadata = {
  startTime: '2024-04-02T09:05:30+02:00',
  agentId: '1002',
  agentFirstName: 'Ivan',
  agentLastName: 'Bondar',
  clientId: '+380447654321',
  direction: 'OUT',
  agentChannel: 1,
  callId: 'pbx-5522',
  queue: 'Support',
  waitingTimeSec: 40,
  did: '+380445551111',
  campaign: 'Autumn',
  callType: 'automatic',
  hangupBy: 'agent',
  skillGroup: 'Wholesale',
  holds: [{ startSec: 50, endSec: 65 }],
  extra: { ticket: 'T-78' },
};

/**
 * How a connector maps each call detail, found by building what it sends for the
 * sample call and for the same call with that one detail changed (or, failing that,
 * left out): the places that change are where the detail goes. Derived from the
 * connector's own code, so it cannot drift from it.
 */
export function callDetailsMapping(
  connector: ConnectorDeclaration,
  options: OptionValues,
): readonly FieldMapping[] | undefined {
  const build = connector.callDetails;
  if (!build) return undefined;
  const sent = (metadata: CallMetadata) => {
    try {
      return flatten(build(sampleRecording(metadata), options));
    } catch {
      return undefined; // the platform cannot take the call without this detail
    }
  };
  const full = sent(SAMPLE_CALL) ?? new Map<string, string>();
  return CALL_METADATA_FIELDS.map((field) => {
    const without = Object.fromEntries(
      Object.entries(SAMPLE_CALL).filter(([key]) => key !== field),
    ) as CallMetadata;
    const changed = [{ ...SAMPLE_CALL, [field]: VARIED[field] }, without]
      .map((metadata) => sent(metadata))
      .map((other) => (other ? differences(full, other) : []))
      .find((targets) => targets.length > 0);
    return { field, targets: collapse(changed ?? []) };
  });
}

function differences(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k));
}

/** Options for a variant: the connector's defaults, then the variant's own. */
export function defaultOptions(connector: ConnectorDeclaration): OptionValues {
  return Object.fromEntries(
    connector.options.filter((o) => o.default !== undefined).map((o) => [o.name, o.default]),
  );
}

function sampleRecording(metadata: CallMetadata): CallDetailsInput {
  return {
    fileName: 'sample-call.wav',
    sizeBytes: 1_920_044,
    sha256: '0'.repeat(64),
    audio: { container: 'wav', codec: 'pcm', channels: 2, sampleRate: 8000, durationSec: 120 },
    metadata,
  };
}

/** Leaf values by path: `a.b`, `list[0].c`; JSON text in a string is opened up too. */
function flatten(value: unknown, path = '', into = new Map<string, string>()): Map<string, string> {
  if (typeof value === 'string' && /^[[{]/.test(value)) {
    try {
      return flatten(JSON.parse(value) as unknown, path, into);
    } catch {
      // Not JSON after all: a plain value.
    }
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => flatten(item, `${path}[${i}]`, into));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      flatten(item, path === '' ? key : `${path}.${key}`, into);
    }
  } else if (value !== undefined) {
    into.set(path, JSON.stringify(value));
  }
  return into;
}

/** `holds[0].startSec`, `holds[0].endSec` → `holds[…]`: a list shown once. */
function collapse(paths: readonly string[]): string[] {
  const shown = new Set<string>();
  for (const path of paths) {
    const list = /^(.*?)\[\d+\]/.exec(path);
    shown.add(list ? `${list[1]}[…]` : path);
  }
  return [...shown].sort();
}
