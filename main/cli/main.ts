import { EXIT, type CommandIo } from './io.ts';

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

type Command = (args: readonly string[], io: CommandIo) => number | Promise<number>;

/**
 * Each command's module, loaded when that command runs: `call-courier enqueue` after every
 * call (a PBX hook) or `status` need none of the service, and `run` none of the others.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./check.ts')).checkCommand,
  config: async () => (await import('./config.ts')).configCommand,
  demo: async () => (await import('./demo.ts')).demoCommand,
  diagnostics: async () => (await import('./diagnostics.ts')).diagnosticsCommand,
  enqueue: async () => (await import('./enqueue.ts')).enqueueCommand,
  run: async () => (await import('./run.ts')).runCommand,
  status: async () => (await import('./status.ts')).statusCommand,
  schema: async () => (await import('./schema.ts')).schemaCommand,
  secret: async () => (await import('./secret.ts')).secretCommand,
};

/** Runs the `call-courier` command line and returns the exit status. */
export async function runCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout(USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.stderr(`call-courier: unknown command "${name}"\n\n${USAGE}`);
    return EXIT.usage;
  }
  return (await load())(rest, io);
}
