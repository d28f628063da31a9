import type { CallMetadata } from '../../../../main/core/metadata/call-metadata.ts';
import type { NameParser } from '../../../../main/core/metadata/name-parse.ts';

/** Test helpers bound to one name parser. */
export interface Parsing {
  /** The metadata read from a name; fails the test with the parser's reason if there is none. */
  readonly metadataOf: (name: string, timeZone?: string) => CallMetadata;
  /** Why the name is not read; fails the test if it is. */
  readonly reasonFor: (name: string) => string;
}

/** Binds the test helpers to a parser. */
export function parsing(parse: NameParser): Parsing {
  return {
    metadataOf: (name, timeZone) => {
      const result = parse(name, timeZone ? { timeZone } : {});
      if (!result.ok) throw new Error(`expected ${name} to parse, but: ${result.reason}`);
      return result.metadata;
    },
    reasonFor: (name) => {
      const result = parse(name);
      if (result.ok)
        throw new Error(`expected ${name} not to parse, got ${JSON.stringify(result)}`);
      return result.reason;
    },
  };
}
