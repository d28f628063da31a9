import { readFile, writeFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileLogger } from '../core/log/file-logger.ts';
import { headlessSecretStore } from '../core/secrets/chained-secret-store.ts';
import { redactSecrets } from '../core/secrets/redact.ts';
import type { SecretStore } from '../core/secrets/secret-store.ts';
import {
  MONITOR_TOKEN_FILE,
  readOrCreateApiToken,
  readOrCreateMonitorToken,
  uiAddress,
} from '../core/server/api-token.ts';
import { networkWarning } from '../core/server/network-exposure.ts';
import { startApiServer } from '../core/server/start-api-server.ts';
import { CourierService } from '../core/service.ts';
import {
  formatSettingsErrors,
  loadSettingsFile,
  validateSettings,
} from '../core/settings/load-settings.ts';
import { guardCrashes } from '../core/crash-guard.ts';
import { DEFAULT_LISTEN, defaultDataDir } from './data-dir.ts';
import { EXIT, type CommandIo } from './io.ts';
import { listenAddress, parseCommand } from './parse-command.ts';

export const RUN_USAGE = `Usage: call-courier run [--config FILE] [--data-dir DIR] [--listen HOST:PORT]

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
}): Promise<RunningService | { errors: string }> {
  const configPath = options.config ?? join(options.dataDir, 'settings.json');
  const exists = await readFile(configPath, 'utf8').then(
    () => true,
    () => false,
  );
  const loaded =
    options.config || exists ? await loadSettingsFile(configPath) : validateSettings({});
  if (!loaded.ok)
    return { errors: `${configPath} has problems:\n${formatSettingsErrors(loaded.errors)}` };
  const rawSettings: unknown = exists ? JSON.parse(await readFile(configPath, 'utf8')) : {};

  const knownSecrets = options.knownSecrets ?? new Set<string>();
  const log = await FileLogger.open({
    dir: join(options.dataDir, 'logs'),
    redact: (text) => redactSecrets(text, knownSecrets),
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
    });
  } catch (error) {
    await log.close();
    return { errors: (error as Error).message };
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
      ...(staticDir !== null && { staticDir }),
      log: (line) => log.info(line),
    });
  } catch (error) {
    await service.stop();
    await log.close();
    return { errors: (error as Error).message };
  }
  if (networkWarning(options.listen.host, server.port) !== null) {
    log.warn(`the local API is reachable from the network on ${options.listen.host}, plain HTTP`);
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
      },
    },
    args,
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
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
    echo: (line) => io.stderr(`${line}\n`),
  });
  if ('errors' in running) {
    io.stderr(`call-courier run: ${running.errors}\n`);
    return EXIT.usage;
  }
  io.stdout(`Call Courier is running. UI and API: ${uiAddress(running.url, running.token)}\n`);
  io.stdout(`Data folder: ${dataDir}\n`);
  io.stdout(
    `Read-only monitor token (Prometheus, supervisors): ${join(dataDir, MONITOR_TOKEN_FILE)}\n`,
  );
  const warning = networkWarning(listen.host, running.port);
  if (warning !== null) io.stderr(`\n${warning}\n\n`);
  if ((await builtUiDir()) === null) {
    io.stdout('The window is not built, so only the API is served: run `npm run build:ui`.\n');
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.stop();
  return EXIT.ok;
}

/** Writes JSON through a temporary file, so a crash never leaves half a config. */
async function saveJson(path: string, value: unknown): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, path);
}
