import type { Problem } from '../problem.ts';
import type { CallMetadata } from '../metadata/call-metadata.ts';
import type { AudioFacts, Codec, Container } from '../recording/audio-facts.ts';

/**
 * The kind of value an option holds; drives validation, the settings form and the JSON Schema.
 * `map` is an object of names to text (HTTP headers, form fields); `integer-list` a list of
 * whole numbers, each within `min`…`max`.
 */
export type OptionType = 'string' | 'url' | 'boolean' | 'integer' | 'enum' | 'map' | 'integer-list';

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
  /**
   * The value (a map's values) may hold `{placeholders}` filled in for each recording; the
   * connector's checkOptions checks them. A url is then checked with each placeholder as a word.
   */
  readonly placeholders?: boolean;
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

/** The value of one option in a validated profile. */
export type OptionValue =
  string | number | boolean | readonly number[] | Readonly<Record<string, string>> | undefined;

/** Option values of a validated profile. */
export type OptionValues = Readonly<Record<string, OptionValue>>;

/** A problem with a profile's options that no single option's type can catch. */
export interface OptionProblem {
  /** Where, below `options`: the option's name, then keys inside it (a header's name). */
  readonly path: readonly string[];
  readonly message: string;
}

/** What a check of a profile's options is told about the profile besides its options. */
export interface OptionCheckContext {
  readonly profileId: string;
  readonly allowInsecureHttp: boolean;
}

/** A recording as a platform's call-details builder sees it (a subset of UploadJob). */
export interface CallDetailsInput {
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly audio: AudioFacts | null;
  readonly metadata: CallMetadata;
}

/** One way a connector may be set up that changes what it sends (e.g. an API version). */
export interface CallDetailsVariant {
  readonly label: string;
  readonly options: OptionValues;
}

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
  /**
   * What the platform receives about a call besides the audio (a metadata part, query
   * parameters), as a JSON-like document, built by the same code the upload uses.
   * docs/connectors.md derives from it how each call detail is mapped. Absent when the
   * platform gets the recording's name alone.
   */
  readonly callDetails?: (
    recording: CallDetailsInput,
    options: OptionValues,
  ) => Readonly<Record<string, unknown>>;
  /** Set-ups that send call details differently, each documented with its own mapping. */
  readonly callDetailsVariants?: readonly CallDetailsVariant[];
  /** Whether this profile's options relax the stereo requirement. */
  readonly allowsMono?: (options: OptionValues) => boolean;
  /**
   * Problems that span several options, or that a type alone cannot say (a template naming an
   * unknown field). Given the options as written, with declared defaults filled in; a value of
   * the wrong type is the schema's to report, and is skipped here.
   */
  readonly checkOptions?: (
    options: Readonly<Record<string, unknown>>,
    context: OptionCheckContext,
  ) => readonly OptionProblem[];
  /** Paragraphs (markdown) that docs/connectors.md adds after the options table. */
  readonly details?: readonly string[];
}
