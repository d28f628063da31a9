import { checkCommand } from './check.ts';
import { configCommand } from './config.ts';
import { demoCommand } from './demo.ts';
import { diagnosticsCommand } from './diagnostics.ts';
import { enqueueCommand } from './enqueue.ts';
import { EXIT, type CommandIo } from './io.ts';
import { runCommand } from './run.ts';
import { schemaCommand } from './schema.ts';
import { secretCommand } from './secret.ts';
import { statusCommand } from './status.ts';

export const USAGE = `Usage: call-courier COMMAND [options]

Delivers call recordings to conversation-analytics platforms.

Commands:
  run           the headless service: watch, deliver, serve the UI and API on localhost
  status        the running service's counts and destinations
  enqueue FILE… hand finished recordings to the running service now (PBX hooks)
  demo          see it work in seconds: an emulated Ender Turing and sample calls
  check FILE…   probe recordings and read their call details, without uploading
  schema        print the config file's JSON Schema
  config export [--out FILE]    this machine's settings as JSON, never with secrets
  config import FILE            check and take settings exported from another machine
  diagnostics   write a .zip of settings, queue statistics and logs, secrets removed, to email
  secret set PROFILE FIELD      store a secret from stdin in the system keychain
  secret delete PROFILE FIELD   remove it

Run "call-courier COMMAND --help" for a command's options.
`;

const COMMANDS: Record<
  string,
  (args: readonly string[], io: CommandIo) => number | Promise<number>
> = {
  check: checkCommand,
  config: configCommand,
  demo: demoCommand,
  diagnostics: diagnosticsCommand,
  enqueue: enqueueCommand,
  run: runCommand,
  status: statusCommand,
  schema: schemaCommand,
  secret: secretCommand,
};

/** Runs the `call-courier` command line and returns the exit status. */
export async function runCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout(USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`call-courier: unknown command "${name}"\n\n${USAGE}`);
    return EXIT.usage;
  }
  return command(rest, io);
}
