import type { ConnectorContext } from '../connector.ts';
import { ConfigurationError } from '../errors.ts';
import { parseFingerprint } from './host-key.ts';
import { memoryHostKeyPins, processHostKeyPins, type HostKeyPins } from './host-key-pins.ts';
import type { SftpEndpoint, SshClientChoice } from './sftp-connection.ts';

/** The platform's name in messages. */
export const LABEL = 'Ender Turing SFTP';

/** Ender Turing's SFTP port (seed 000). */
const DEFAULT_PORT = 2022;

/**
 * Where the server's pinned key is kept: the profile's memory (the queue database in the
 * service); without one, pins last as long as the process.
 */
export function pinsOf(context: ConnectorContext, address: string): HostKeyPins {
  return context.memory ? memoryHostKeyPins(context.memory, address) : processHostKeyPins;
}

/** The remote folder recordings go into; `/` when unset. */
export function remoteDirOf(context: ConnectorContext): string {
  const value = context.profile.options.remoteDir;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : '/';
}

/** Reads the profile's options and secrets into what a connection needs; a missing one is a ConfigurationError. */
export async function readEndpoint(context: ConnectorContext): Promise<SftpEndpoint> {
  const { profile } = context;
  const { options } = profile;
  const host = requiredText(options.host, 'host', profile.id);
  const username = requiredText(options.username, 'username', profile.id);
  const port = typeof options.port === 'number' ? options.port : DEFAULT_PORT;
  const address = `${host}:${port}`;
  const expected = expectedFingerprint(options.hostFingerprint, profile.id);
  const { password, privateKey } = await readLogin(context);
  if (password === null && privateKey === null) {
    throw new ConfigurationError(
      `no password or private key stored for profile ${profile.id}: run \`call-courier secret set ${profile.id} password\` (or \`call-courier secret set ${profile.id} privateKey\` for a key)`,
    );
  }
  return {
    label: LABEL,
    address,
    profileId: profile.id,
    host,
    port,
    username,
    password,
    privateKey,
    hostKey: {
      profileId: profile.id,
      address,
      expected,
      pins: pinsOf(context, address),
      label: LABEL,
      vendor: 'Ender Turing',
    },
    sshClient: sshClientOf(options.sshClient, profile.id),
  };
}

/** The profile's sshClient option; `auto` when unset. */
function sshClientOf(value: unknown, profileId: string): SshClientChoice {
  if (value === undefined || value === null || value === '') return 'auto';
  if (value === 'auto' || value === 'openssh' || value === 'builtin') return value;
  throw new ConfigurationError(
    `the sshClient of profile ${profileId} is ${JSON.stringify(value)}: use auto, openssh or builtin`,
  );
}

/**
 * The password and the private key. Either is enough to log in, so a store that fails for
 * one (the keychain, unreachable on a server given the other in the environment) does not
 * stop the login; when neither can be read, the first failure is passed on.
 */
async function readLogin(
  context: ConnectorContext,
): Promise<{ password: string | null; privateKey: string | null }> {
  const [password, privateKey] = await Promise.allSettled([
    context.secret('password'),
    context.secret('privateKey'),
  ]);
  const found = (result: PromiseSettledResult<string | null>) =>
    result.status === 'fulfilled' ? nonEmpty(result.value) : null;
  const login = { password: found(password), privateKey: found(privateKey) };
  if (login.password !== null || login.privateKey !== null) return login;
  for (const result of [password, privateKey]) {
    if (result.status === 'rejected') throw result.reason;
  }
  return login;
}

function requiredText(value: unknown, option: string, profileId: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigurationError(`no ${option} set for profile ${profileId}`);
  }
  return value.trim();
}

function expectedFingerprint(value: unknown, profileId: string): string | undefined {
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
  const parsed = typeof value === 'string' ? parseFingerprint(value) : undefined;
  if (parsed === undefined) {
    throw new ConfigurationError(
      `the hostFingerprint of profile ${profileId} is not a SHA256 host key fingerprint: ` +
        'copy it as `ssh-keygen -lf` prints it, e.g. SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU',
    );
  }
  return parsed;
}

function nonEmpty(value: string | null): string | null {
  return value === null || value === '' ? null : value;
}
