import type { MonitoringInfo } from '../../../preload/api.ts';
import type { Logger } from '../log/logger.ts';
import { parseHostPort, type MonitoringSettings } from '../settings/monitoring-schema.ts';
import { readOrCreateApiToken, readOrCreateMonitorToken } from './api-token.ts';
import type { CourierApi } from './courier-contract.ts';
import type { InterfaceList } from './host-names.ts';
import { monitoringAddresses } from './lan-addresses.ts';
import { startApiServer, type ApiServer } from './start-api-server.ts';
import { readTlsFiles, type TlsFiles } from './tls-files.ts';

/** What the network listener serves and where its tokens are. */
export interface LanMonitoringOptions {
  readonly api: CourierApi;
  /** Holds api-token and monitor-token (created there when missing). */
  readonly dataDir: string;
  readonly metrics: () => string | Promise<string>;
  readonly log: Logger;
  /** The built UI to serve at `/`, when there is one. */
  readonly staticDir?: string;
  /** For tests: this machine's interfaces (os.networkInterfaces() by default). */
  readonly interfaces?: () => InterfaceList;
}

/**
 * "Allow supervisor monitoring": starts, restarts and stops a second API listener on the
 * network as the `monitoring` settings say, with the same admin and monitor tokens. A failure
 * to start (bad certificate, port taken) is kept as a plain-words problem, never a silent
 * fall back to HTTP.
 */
export class LanMonitoring {
  readonly #options: LanMonitoringOptions;
  #server: ApiServer | null = null;
  /** The settings the listener runs with (or failed with), as JSON; null when off. */
  #running: string | null = null;
  #enabled = false;
  /** The host the listener is bound to (0.0.0.0 for every interface). */
  #host = '';
  #problem: string | null = null;
  #queue: Promise<void> = Promise.resolve();

  constructor(options: LanMonitoringOptions) {
    this.#options = options;
  }

  /** Makes the listener match `settings`: starts, restarts (changed address or certificate) or stops it. */
  apply(settings: MonitoringSettings | undefined): Promise<void> {
    return this.#enqueue(() => this.#apply(settings));
  }

  /** The HTTPS problem these settings would have (unreadable or mismatched files), or null. */
  async check(settings: MonitoringSettings | undefined): Promise<string | null> {
    if (settings?.enabled !== true) return null;
    try {
      await tlsFor(settings);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }

  /** Whether it is on and listening, where to reach it and the monitor token to give out. */
  async info(): Promise<MonitoringInfo> {
    await this.#queue;
    const server = this.#server;
    return {
      enabled: this.#enabled,
      listening: server !== null,
      secure: server?.secure ?? false,
      addresses: server === null ? [] : this.#addresses(server),
      monitorToken: await readOrCreateMonitorToken(this.#options.dataDir),
      problem: this.#problem,
    };
  }

  /** Stops listening (the settings are left as they are). */
  stop(): Promise<void> {
    return this.#enqueue(() => this.#close());
  }

  /** Runs changes one after the other; one that fails does not block the next. */
  #enqueue(change: () => Promise<void>): Promise<void> {
    const done = this.#queue.then(change);
    this.#queue = done.catch(() => {});
    return done;
  }

  async #apply(settings: MonitoringSettings | undefined): Promise<void> {
    const wanted = settings?.enabled === true ? settings : null;
    const key = wanted === null ? null : JSON.stringify(wanted);
    if (key === this.#running && (key === null || this.#server !== null)) return;
    await this.#close();
    this.#running = key;
    this.#enabled = wanted !== null;
    if (wanted === null) return;
    const { log } = this.#options;
    try {
      this.#server = await this.#start(wanted);
      log.info(`supervisor monitoring is on: ${this.#addresses(this.#server).join(', ')}`);
      if (!this.#server.secure) {
        log.warn(
          'supervisor monitoring uses plain HTTP, not encrypted: give "tlsCertificate" and "tlsKey" in "monitoring" for HTTPS',
        );
      }
    } catch (error) {
      this.#problem = `supervisor monitoring could not start: ${(error as Error).message}`;
      log.error(this.#problem);
    }
  }

  async #start(settings: MonitoringSettings): Promise<ApiServer> {
    const listen = parseHostPort(settings.listen);
    if (listen === null) throw new Error(`"${settings.listen}" is not HOST:PORT`);
    this.#host = listen.host;
    const tls = await tlsFor(settings);
    const { api, dataDir, metrics, log, staticDir } = this.#options;
    return startApiServer({
      api,
      host: listen.host,
      port: listen.port,
      token: await readOrCreateApiToken(dataDir),
      monitorToken: await readOrCreateMonitorToken(dataDir),
      metrics,
      ...(tls !== undefined && { tls }),
      ...(staticDir !== undefined && { staticDir }),
      log: (line) => log.info(`network: ${line}`),
    });
  }

  #addresses(server: ApiServer): string[] {
    return monitoringAddresses(
      this.#host,
      server.port,
      server.secure,
      this.#options.interfaces?.(),
    );
  }

  async #close(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    this.#problem = null;
    this.#enabled = false;
    this.#running = null;
    if (server !== null) {
      await server.close();
      this.#options.log.info('supervisor monitoring is off');
    }
  }
}

function tlsFor(settings: MonitoringSettings): Promise<TlsFiles | undefined> {
  if (settings.tlsCertificate === undefined || settings.tlsKey === undefined) {
    return Promise.resolve(undefined);
  }
  return readTlsFiles({ certificate: settings.tlsCertificate, key: settings.tlsKey });
}
