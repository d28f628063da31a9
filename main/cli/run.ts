import { readFile, writeFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileLogger } from '../core/log/file-logger.ts';
import { headlessSecretStore } from '../core/secrets/chained-secret-store.ts';
import { logLineRedactor } from '../core/privacy/log-redaction.ts';
import type { SecretStore } from '../core/secrets/secret-store.ts';
import {
  MONITOR_TOKEN_FILE,
  readOrCreateApiToken,
  readOrCreateMonitorToken,
  uiAddress,
} from '../core/server/api-token.ts';
import { networkWarning } from '../core/server/network-exposure.ts';
import { startApiServer } from '../core/server/start-api-server.ts';
import { readTlsFiles, type TlsFiles, type TlsPaths } from '../core/server/tls-files.ts';
import { CourierService } from '../core/service.ts';
import {
  formatSettingsErrors,
  readSettingsJson,
  validateSettings,
} from '../core/settings/load-settings.ts';
import { applyPolicy, lockedChanges } from '../core/policy/apply-policy.ts';
import { loadPolicy } from '../core/policy/load-policy.ts';
import { policyFilePath } from '../core/policy/policy-path.ts';
import { guardCrashes } from '../core/crash-guard.ts';
import { DEFAULT_LISTEN, defaultDataDir } from './data-dir.ts';
import { EXIT, type CommandIo } from './io.ts';
import { releaseStartupMemory } from './lean-process.ts';
import { listenAddress, parseCommand } from './parse-command.ts';

export const RUN_USAGE = `Usage: call-courier run [--config FILE] [--data-dir DIR] [--listen HOST:PORT]
                        [--tls-cert FILE --tls-key FILE]

Runs the headless service: watches the folders of the config file and delivers every
finished recording. Serves the UI and the local API on --listen (default ${DEFAULT_LISTEN})
and prints its address with the admin token. A read-only monitor token (for Prometheus
and supervisors) is kept in DIR/${MONITOR_TOKEN_FILE}. Stop it with Ctrl-C (or SIGTERM).

  --config FILE     the config file (default: DIR/settings.json, created when settings
                    are saved through the API)
  --data-dir DIR    queue.sqlite, logs/, api-token and ${MONITOR_TOKEN_FILE} (default:
                    ${defaultDataDir()})
  --listen H:P      where the UI and API listen (default ${DEFAULT_LISTEN}); an address
                    other than 127.0.0.1 makes the API reachable from the network
  --tls-cert FILE   serve HTTPS with this PEM certificate (recommended with a network
  --tls-key FILE    --listen); the key must be the certificate's, without a passphrase

Supervisor monitoring: the settings' "monitoring" part ({"enabled": true, "listen":
"0.0.0.0:8490", "tlsCertificate": FILE, "tlsKey": FILE}) opens a second, network
listener beside --listen; the service does not start while it cannot.

Secrets come from the system keychain (call-courier secret set PROFILE FIELD) or from
environment variables CALL_COURIER_<PROFILE>_<FIELD>.
`;

/** Where `npm run build:ui` puts the window: dist/renderer/ at the package root. */
export const BUILT_UI_DIR = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

/** The built window's folder when it has been built (it holds index.html), otherwise null. */
export async function builtUiDir(): Promise<string | null> {
  const index = await stat(join(BUILT_UI_DIR, 'index.html')).catch(() => null);
  return index?.isFile() ? BUILT_UI_DIR : null;
}

/** A running headless service, for tests and `demo`. */
export interface RunningService {
  readonly service: CourierService;
  readonly url: string;
  /** The port it listens on (the one picked, when --listen gave 0). */
  readonly port: number;
  /** The admin token (api-token). */
  readonly token: string;
  /** The read-only monitor token (monitor-token). */
  readonly monitorToken: string;
  stop(): Promise<void>;
}

/** Starts the service and its HTTP API from command-line style options. */
export async function startHeadless(options: {
  config?: string;
  dataDir: string;
  listen: { host: string; port: number };
  echo?: (line: string) => void;
  /** Where secrets come from; the keychain, then the environment, by default. */
  secrets?: SecretStore;
  /** The window to serve at `/`: the built one (builtUiDir) when left out; null serves none. */
  staticDir?: string | null;
  /** Filled with every secret the service reads or is given (redacted from logs and crashes). */
  knownSecrets?: Set<string>;
  /** The machine policy file; CALL_COURIER_POLICY_FILE or the system's place when left out. */
  policyFile?: string;
  /** Serve --listen over HTTPS with this certificate and key (--tls-cert, --tls-key). */
  tls?: TlsPaths;
}): Promise<RunningService | { errors: string }> {
  let tls: TlsFiles | undefined;
  try {
    tls = options.tls === undefined ? undefined : await readTlsFiles(options.tls);
  } catch (error) {
    return { errors: (error as Error).message };
  }
  const configPath = options.config ?? join(options.dataDir, 'settings.json');
  const exists = await readFile(configPath, 'utf8').then(
    () => true,
    () => false,
  );
  const policy = await loadPolicy(options.policyFile ?? policyFilePath());
  if (!policy.ok) return { errors: policy.message };
  const own =
    options.config || exists ? await readSettingsJson(configPath) : { ok: true as const, raw: {} };
  if (!own.ok)
    return { errors: `${configPath} has problems:\n${formatSettingsErrors(own.errors)}` };
  const rawSettings = applyPolicy(own.raw, policy.policy);
  const loaded = validateSettings(rawSettings);
  if (!loaded.ok) {
    const withPolicy = policy.policy ? ` (with the machine policy ${policy.policy.file})` : '';
    return {
      errors: `${configPath}${withPolicy} has problems:\n${formatSettingsErrors(loaded.errors)}`,
    };
  }

  const knownSecrets = options.knownSecrets ?? new Set<string>();
  let current: CourierService | undefined = undefined;
  const log = await FileLogger.open({
    dir: join(options.dataDir, 'logs'),
    redact: logLineRedactor(
      knownSecrets,
      () => current?.masksPhoneNumbers ?? loaded.settings.privacy?.maskPhoneNumbers === true,
    ),
    ...(options.echo ? { echo: options.echo } : {}),
  });
  let service: CourierService;
  try {
    service = await CourierService.start({
      dataDir: options.dataDir,
      settings: loaded.settings,
      rawSettings,
      secrets: options.secrets ?? headlessSecretStore(),
      log,
      knownSecrets,
      saveSettings: (raw) => saveJson(configPath, raw),
      policy: policy.policy,
    });
  } catch (error) {
    await log.close();
    return { errors: (error as Error).message };
  }
  current = service;
  // Supervisor monitoring that was asked for but cannot listen is not silently left off.
  const monitoring = await service.monitoring();
  if (monitoring.problem !== null) {
    await service.stop();
    await log.close();
    return {
      errors: `${monitoring.problem}: fix "monitoring" in ${configPath}, or set its "enabled" to false`,
    };
  }
  if (policy.policy) {
    log.info(
      `machine policy ${policy.policy.file} locks: ${policy.policy.locked.join(', ') || 'nothing'}`,
    );
    for (const change of lockedChanges(own.raw, policy.policy)) {
      log.warn(`${configPath}: ${change.path} is ignored: the machine policy's value applies`);
    }
  }
  const token = await readOrCreateApiToken(options.dataDir);
  const monitorToken = await readOrCreateMonitorToken(options.dataDir);
  const staticDir = options.staticDir === undefined ? await builtUiDir() : options.staticDir;
  let server;
  try {
    server = await startApiServer({
      api: service,
      host: options.listen.host,
      port: options.listen.port,
      token,
      monitorToken,
      metrics: () => service.metrics(),
      diagnostics: () => service.diagnostics(configPath),
      ...(tls !== undefined && { tls }),
      ...(staticDir !== null && { staticDir }),
      log: (line) => log.info(line),
    });
  } catch (error) {
    await service.stop();
    await log.close();
    return { errors: (error as Error).message };
  }
  if (networkWarning(options.listen.host, server.port) !== null) {
    log.warn(
      `the local API is reachable from the network on ${options.listen.host}, ${server.secure ? 'HTTPS' : 'plain HTTP'}`,
    );
  }
  return {
    service,
    url: server.url,
    port: server.port,
    token,
    monitorToken,
    stop: async () => {
      await server.close();
      await service.stop();
      await log.close();
    },
  };
}

/** `call-courier run`: the headless service, until a signal stops it. */
export async function runCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parseCommand(
    {
      name: 'run',
      usage: RUN_USAGE,
      options: {
        config: { type: 'string' },
        'data-dir': { type: 'string' },
        listen: { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
      },
    },
    args,
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const tlsCert = values['tls-cert'];
  const tlsKey = values['tls-key'];
  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    io.stderr(
      `call-courier run: HTTPS needs both --tls-cert FILE and --tls-key FILE: give the other one too, or neither for plain HTTP\n`,
    );
    return EXIT.usage;
  }
  const listen = listenAddress('run', values.listen, io);
  if (typeof listen === 'number') return listen;
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const knownSecrets = new Set<string>();
  // Node's own crash printout would quote an error's message and properties as they are.
  guardCrashes({ knownSecrets });
  const running = await startHeadless({
    knownSecrets,
    ...(values.config ? { config: values.config } : {}),
    dataDir,
    listen,
    ...(tlsCert !== undefined &&
      tlsKey !== undefined && { tls: { certificate: tlsCert, key: tlsKey } }),
    echo: (line) => io.stderr(`${line}\n`),
  });
  if ('errors' in running) {
    io.stderr(`call-courier run: ${running.errors}\n`);
    return EXIT.usage;
  }
  // Listened for before anything is printed: a signal sent on seeing the address must stop it cleanly.
  const stopAsked = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  // Once the start-up's backlog is through: a collection now would hold up its first uploads.
  void running.service.quiet().then(releaseStartupMemory);
  io.stdout(`Call Courier is running. UI and API: ${uiAddress(running.url, running.token)}\n`);
  io.stdout(`Data folder: ${dataDir}\n`);
  io.stdout(
    `Read-only monitor token (Prometheus, supervisors): ${join(dataDir, MONITOR_TOKEN_FILE)}\n`,
  );
  const monitoring = await running.service.monitoring();
  if (monitoring.listening) {
    io.stdout(`Supervisor monitoring (monitor token): ${monitoring.addresses.join(' ')}\n`);
  }
  const warning = networkWarning(listen.host, running.port, running.url.startsWith('https:'));
  if (warning !== null) io.stderr(`\n${warning}\n\n`);
  if ((await builtUiDir()) === null) {
    io.stdout('The window is not built, so only the API is served: run `npm run build:ui`.\n');
  }
  await stopAsked;
  await running.stop();
  return EXIT.ok;
}

/** Writes JSON through a temporary file, so a crash never leaves half a config. */
async function saveJson(path: string, value: unknown): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, path);
}
