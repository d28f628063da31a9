import { parseArgs } from 'node:util';
import { CONNECTORS } from '../core/connectors/registry.ts';
import { KeytarSecretStore } from '../core/secrets/keytar-secret-store.ts';
import { readSecret } from '../core/secrets/read-secret.ts';
import { redactSecrets } from '../core/secrets/redact.ts';
import { secretKeyError, secretLabel } from '../core/secrets/secret-key.ts';
import type { SecretStore } from '../core/secrets/secret-store.ts';
import { EXIT, type CommandIo } from './io.ts';

/** The help text of `call-courier secret`. */
export const SECRET_USAGE = `Usage: call-courier secret set PROFILE FIELD
       call-courier secret delete PROFILE FIELD

Stores a destination's secret (a password, API secret or private key) in the system
keychain, or deletes it. The secret is read from standard input, never from the
command line:
  printf '%s' "$ET_PASSWORD" | call-courier secret set et password
At a terminal you are asked for it, and it is not shown as you type.
One trailing newline is removed; the rest is kept as given.

The headless service (call-courier run) also reads CALL_COURIER_<PROFILE>_<FIELD>
from its environment, e.g. CALL_COURIER_ET_PASSWORD, before the keychain: use that
on a server without a desktop session, where no keychain is reachable.

Exit status: 0 when done, 1 when the keychain could not be used, 2 on a usage error.

Options:
  -h, --help   show this help
`;

/** `call-courier secret set|delete PROFILE FIELD`: keeps a destination's secret in the keychain. */
export async function secretCommand(
  args: readonly string[],
  io: CommandIo,
  stdin: NodeJS.ReadableStream = process.stdin,
  store: SecretStore = new KeytarSecretStore(),
): Promise<number> {
  const usageError = (message: string) => {
    io.stderr(`call-courier secret: ${message}\n\n${SECRET_USAGE}`);
    return EXIT.usage;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (parsed.values.help) {
    io.stdout(SECRET_USAGE);
    return EXIT.ok;
  }
  const [action, profile, field, ...extra] = parsed.positionals;
  if (action !== 'set' && action !== 'delete') {
    return usageError(
      action === undefined
        ? 'say "set" or "delete"'
        : `unknown action "${action}": say "set" or "delete"`,
    );
  }
  if (profile === undefined || field === undefined) {
    return usageError(`name the profile and the field: call-courier secret ${action} et password`);
  }
  if (extra.length > 0) {
    return usageError(
      action === 'set'
        ? 'give the secret on standard input, not as an argument (arguments show in the process list and shell history)'
        : 'too many arguments',
    );
  }
  const problem = secretKeyError(profile, field);
  if (problem) return usageError(problem);

  return action === 'set'
    ? setSecret(profile, field, io, stdin, store)
    : deleteSecret(profile, field, io, store);
}

async function setSecret(
  profile: string,
  field: string,
  io: CommandIo,
  stdin: NodeJS.ReadableStream,
  store: SecretStore,
): Promise<number> {
  const label = secretLabel(profile, field);
  warnIfUnknownField(field, io);
  let secret: string;
  try {
    secret = await readSecret(stdin, io.stderr, `Secret for ${label}`);
  } catch (error) {
    io.stderr(`call-courier secret: ${(error as Error).message}; nothing was stored\n`);
    return EXIT.usage;
  }
  if (secret === '') {
    io.stderr(`call-courier secret: the secret for ${label} is empty; nothing was stored\n`);
    return EXIT.usage;
  }
  try {
    await store.set(profile, field, secret);
  } catch (error) {
    io.stderr(`call-courier secret: ${redactSecrets((error as Error).message, [secret])}\n`);
    return EXIT.problems;
  }
  io.stdout(`Stored ${label} in ${store.description}.\n`);
  return EXIT.ok;
}

async function deleteSecret(
  profile: string,
  field: string,
  io: CommandIo,
  store: SecretStore,
): Promise<number> {
  const label = secretLabel(profile, field);
  try {
    if ((await store.get(profile, field)) === null) {
      io.stdout(`Nothing was stored for ${label} in ${store.description}.\n`);
      return EXIT.ok;
    }
    await store.delete(profile, field);
  } catch (error) {
    io.stderr(`call-courier secret: ${(error as Error).message}\n`);
    return EXIT.problems;
  }
  io.stdout(`Deleted ${label} from ${store.description}.\n`);
  return EXIT.ok;
}

/** Notes a field no connector declares as a secret, which is most often a typo; the secret is still stored. */
function warnIfUnknownField(field: string, io: CommandIo): void {
  const known = [
    ...new Set(CONNECTORS.flatMap((c) => c.options.filter((o) => o.secret).map((o) => o.name))),
  ];
  if (known.includes(field)) return;
  io.stderr(
    `call-courier secret: note: no connector has a secret named "${field}" ` +
      `(known: ${known.join(', ')}); storing it anyway\n`,
  );
}
