import type { UploadJob } from '../connector.ts';
import { TEMPLATE_FIELDS } from '../../metadata/template-fields.ts';

/** What a placeholder is filled from: the recording, and the profile's API key when one is used. */
export interface PlaceholderInput {
  readonly job: Pick<UploadJob, 'fileName' | 'sizeBytes' | 'sha256' | 'audio' | 'metadata'>;
  /** The `apiKey` secret; read only when a template uses `{secret:apiKey}`. */
  readonly apiKey?: string;
}

/** One `{…}` of a value template: the text it stands for, or undefined when the recording lacks it. */
export interface Placeholder {
  /** The placeholder as written, for messages: `{agentId}`. */
  readonly source: string;
  readonly value: (input: PlaceholderInput) => string | undefined;
  /** Only a form field may hold it (`{metadataJson}`: JSON does not belong in an address or a header). */
  readonly fieldOnly?: boolean;
  /** It stands for the `apiKey` secret. */
  readonly secret?: boolean;
}

/** The only secret a template may name, stored with `call-courier secret set PROFILE apiKey`. */
export const API_KEY = 'apiKey';

const round = (n: number): string => String(Math.round(n * 1000) / 1000);

/** Placeholders that take no argument, beyond the metadata template fields. */
const FILE_PLACEHOLDERS: Readonly<Record<string, Placeholder['value']>> = {
  startTime: ({ job }) => job.metadata.startTime,
  fileName: ({ job }) => job.fileName,
  sizeBytes: ({ job }) => String(job.sizeBytes),
  sha256: ({ job }) => job.sha256,
  durationSec: ({ job }) => (job.audio ? round(job.audio.durationSec) : undefined),
  channels: ({ job }) => (job.audio ? String(job.audio.channels) : undefined),
};

/** `{metadataJson}`: the recording's whole canonical call metadata as one JSON object. */
const METADATA_JSON = 'metadataJson';

/** Every placeholder name that takes no argument, in the order messages list them. */
export const PLAIN_PLACEHOLDERS: readonly string[] = [
  ...TEMPLATE_FIELDS.keys(),
  ...Object.keys(FILE_PLACEHOLDERS),
  METADATA_JSON,
];

/** The placeholders, as a person would list them: `{agentId}, …, {extra:key}, {secret:apiKey}`. */
export const PLACEHOLDER_LIST = [
  ...PLAIN_PLACEHOLDERS.map((name) => `{${name}}`),
  '{extra:key}',
  `{secret:${API_KEY}}`,
].join(', ');

/** The placeholder a name (and its `:argument`) stands for, or a plain sentence saying why there is none. */
export function findPlaceholder(
  name: string,
  argument: string | undefined,
  profileId = 'PROFILE',
): Placeholder | { readonly error: string } {
  const source = `{${name}${argument === undefined ? '' : `:${argument}`}}`;
  if (name === 'extra') {
    if (!argument) return { error: '{extra} needs a key, such as {extra:ringGroup}' };
    return { source, value: ({ job }) => extraText(job.metadata.extra?.[argument]) };
  }
  if (name === 'secret') {
    if (argument !== API_KEY) {
      return {
        error: `${source} cannot be used: the one secret a template can hold is {secret:${API_KEY}}, stored with \`call-courier secret set ${profileId} ${API_KEY}\``,
      };
    }
    return { source, secret: true, value: ({ apiKey }) => apiKey };
  }
  const value = plainValue(name);
  if (value === undefined) {
    const near = PLAIN_PLACEHOLDERS.find((known) => known.toLowerCase() === name.toLowerCase());
    return {
      error: near
        ? `${source} is not a placeholder: did you mean {${near}}?`
        : `${source} is not a placeholder: use ${PLACEHOLDER_LIST}`,
    };
  }
  if (argument !== undefined) {
    return { error: `${source} takes no ':': only {extra:key} and {secret:${API_KEY}} do` };
  }
  return name === METADATA_JSON ? { source, value, fieldOnly: true } : { source, value };
}

function plainValue(name: string): Placeholder['value'] | undefined {
  const field = TEMPLATE_FIELDS.get(name);
  if (field) return ({ job }) => field.write(job.metadata);
  if (Object.hasOwn(FILE_PLACEHOLDERS, name)) return FILE_PLACEHOLDERS[name];
  if (name === METADATA_JSON) return ({ job }) => JSON.stringify(job.metadata);
  return undefined;
}

function extraText(value: string | number | boolean | null | undefined): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}
