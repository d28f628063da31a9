import { settingsJsonSchema } from '../core/settings/json-schema.ts';
import { EXIT, type CommandIo } from './io.ts';

export const SCHEMA_USAGE = `Usage: call-courier schema

Prints the JSON Schema of the config file. Point your editor at it (or at
build/config.schema.json) with "$schema" for completion and validation.
`;

/** `call-courier schema`: prints the config file's JSON Schema. */
export function schemaCommand(args: readonly string[], io: CommandIo): number {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout(SCHEMA_USAGE);
    return EXIT.ok;
  }
  if (args.length > 0) {
    io.stderr(`call-courier schema: takes no arguments\n\n${SCHEMA_USAGE}`);
    return EXIT.usage;
  }
  io.stdout(`${JSON.stringify(settingsJsonSchema(), null, 2)}\n`);
  return EXIT.ok;
}
