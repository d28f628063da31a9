import type { Problem } from '../problem.ts';
import type { AudioFacts, Codec, Container } from '../recording/audio-facts.ts';

/** The kind of value an option holds; drives validation, the settings form and the JSON Schema. */
export type OptionType = 'string' | 'url' | 'boolean' | 'integer' | 'enum';

/** One setting of a destination profile, declared once and used everywhere (rclone's fs.Option). */
export interface OptionDeclaration {
  readonly name: string;
  readonly label: string;
  readonly type: OptionType;
  /** One or two sentences shown under the field and in docs/connectors.md. */
  readonly help: string;
  readonly required?: boolean;
  readonly default?: string | number | boolean;
  /** Kept in the keychain, never in settings: `call-courier secret set PROFILE NAME`. */
  readonly secret?: boolean;
  /** Shown under "Advanced" in the settings form. */
  readonly advanced?: boolean;
  readonly choices?: readonly { readonly value: string; readonly label: string }[];
  readonly min?: number;
  readonly max?: number;
  readonly examples?: readonly string[];
}

/** A container, and optionally the only codecs accepted in it. */
export interface AcceptedFormat {
  readonly container: Container;
  readonly codecs?: readonly Codec[];
}

/** What a destination accepts and can do (rclone's Features). */
export interface Capabilities {
  readonly formats: readonly AcceptedFormat[];
  /** Needs agent and client on separate channels. */
  readonly requiresStereo: boolean;
  readonly maxBytes?: number;
  /** Can tell whether a recording is already there (used after an uncertain attempt). */
  readonly lookup: boolean;
  readonly metadataUpdate: boolean;
  readonly statusPolling: boolean;
  readonly heartbeat: boolean;
}

/** What a destination-specific check is given about one recording. */
export interface RecordingFacts {
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly audio?: AudioFacts;
}

/** Option values of a validated profile. */
export type OptionValues = Readonly<Record<string, string | number | boolean | undefined>>;

/** Everything the rest of the program needs to know about a destination. */
export interface ConnectorDeclaration {
  readonly id: string;
  readonly label: string;
  readonly docsUrl: string;
  /** One sentence for the connector list. */
  readonly summary: string;
  readonly options: readonly OptionDeclaration[];
  readonly capabilities: Capabilities;
  /** Problems only this destination has with a recording (beyond format, stereo and size). */
  readonly checkRecording?: (
    recording: RecordingFacts,
    options: OptionValues,
  ) => readonly Omit<Problem, 'destination'>[];
  /** Whether this profile's options relax the stereo requirement. */
  readonly allowsMono?: (options: OptionValues) => boolean;
}
