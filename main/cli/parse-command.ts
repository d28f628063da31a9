import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { DEFAULT_LISTEN, parseListen } from './data-dir.ts';
import { EXIT, type CommandIo } from './io.ts';

/** How a command reads its arguments. */
export interface CommandSpec<O extends ParseArgsOptionsConfig> {
  /** The command's name, as messages begin: "call-courier NAME: …". */
  readonly name: string;
  readonly usage: string;
  /** Its options; `--help`/`-h` is added to every command. */
  readonly options: O;
  readonly positionals?: boolean;
}

type Parsed<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{
    options: O & { help: { type: 'boolean'; short: 'h' } };
    allowPositionals: true;
  }>
>;

/**
 * Parses a command's arguments. Answers the values and positionals, or the exit status
 * when the command is already answered: its help was asked for, or the arguments are
 * wrong (said on stderr with the usage).
 */
export function parseCommand<O extends ParseArgsOptionsConfig>(
  spec: CommandSpec<O>,
  args: readonly string[],
  io: CommandIo,
): Pick<Parsed<O>, 'values' | 'positionals'> | number {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: spec.positionals ?? false,
      options: { ...spec.options, help: { type: 'boolean', short: 'h' } },
    }) as Parsed<O>;
  } catch (error) {
    io.stderr(`call-courier ${spec.name}: ${(error as Error).message}\n\n${spec.usage}`);
    return EXIT.usage;
  }
  if ((parsed.values as { help?: boolean }).help === true) {
    io.stdout(spec.usage);
    return EXIT.ok;
  }
  return parsed;
}

/** The --listen value (or the default) as host and port, or the exit status after saying what is wrong. */
export function listenAddress(
  name: string,
  value: string | undefined,
  io: CommandIo,
): { host: string; port: number } | number {
  const listen = parseListen(value ?? DEFAULT_LISTEN);
  if (typeof listen !== 'string') return listen;
  io.stderr(`call-courier ${name}: ${listen}\n`);
  return EXIT.usage;
}
