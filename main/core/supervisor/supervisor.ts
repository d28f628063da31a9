import { randomBytes } from 'node:crypto';
import type {
  NewWorkstation,
  SettingsUpdate,
  WorkstationInfo,
  WorkstationRow,
} from '../../../preload/api.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { Settings } from '../settings/schema.ts';
import {
  workstationAddressError,
  workstationSchema,
  type Workstation,
} from '../settings/supervisor-schema.ts';
import { checkWorkstation } from './check-workstation.ts';
import { workstationAgent } from './workstation-agent.ts';
import { MONITOR_TOKEN_FIELD, workstationSecretName } from './workstation-secret.ts';

/** What the supervisor table needs of the service. */
export interface SupervisorOptions {
  readonly settings: () => Settings;
  readonly rawSettings: () => unknown;
  readonly putSettings: (raw: unknown) => Promise<SettingsUpdate>;
  readonly secrets: SecretStore;
  readonly log: Logger;
  /** Every secret read or given is added here, so that logs can redact it. */
  readonly knownSecrets?: Set<string>;
}

/**
 * The supervisor table: the workstations this instance watches (addresses in the settings,
 * monitor tokens in the keychain), each asked for its status server-side when the table is read.
 */
export class Supervisor {
  readonly #options: SupervisorOptions;
  /** Adds and removals one after the other: two at once would each save the list without the other's change. */
  #changes: Promise<unknown> = Promise.resolve();

  constructor(options: SupervisorOptions) {
    this.#options = options;
  }

  /** Every watched workstation's row, asked in parallel; one that does not answer does not hold up the others. */
  async rows(): Promise<readonly WorkstationRow[]> {
    return Promise.all(this.#list().map((w) => this.#row(w)));
  }

  /** Starts watching a workstation: the token is stored first, then the settings name it. */
  add(input: NewWorkstation): Promise<WorkstationInfo> {
    return this.#oneAtATime(() => this.#add(input));
  }

  /** Stops watching a workstation and deletes its monitor token from the keychain. */
  remove(id: string): Promise<void> {
    return this.#oneAtATime(() => this.#remove(id));
  }

  #oneAtATime<T>(change: () => Promise<T>): Promise<T> {
    const done = this.#changes.then(change, change);
    this.#changes = done.catch(() => undefined);
    return done;
  }

  async #add(input: NewWorkstation): Promise<WorkstationInfo> {
    const token = input.monitorToken.trim();
    if (token === '' || /\s/.test(token)) {
      throw badRequest(
        "the monitor token is empty or has spaces in it: copy the whole content of the workstation's monitor-token file",
      );
    }
    const addressProblem = workstationAddressError(input.address.trim());
    if (addressProblem !== null) throw badRequest(`the address ${addressProblem}`);
    const address = new URL(input.address.trim()).origin;
    const existing = this.#list();
    const twin = existing.find((w) => new URL(w.address).origin === address);
    if (twin) throw statusError(409, `${address} is already watched as "${twin.label}"`);
    const parsed = workstationSchema.safeParse({
      id: newId(existing),
      label: input.label,
      address,
      ...(input.caCertificate?.trim() && { caCertificate: input.caCertificate.trim() }),
    });
    if (!parsed.success) {
      throw badRequest(
        parsed.error.issues.map((i) => `${String(i.path[0] ?? '')} ${i.message}`).join('; '),
      );
    }
    const workstation = parsed.data;
    const secretName = workstationSecretName(workstation.id);
    await this.#options.secrets.set(secretName, MONITOR_TOKEN_FIELD, token);
    this.#options.knownSecrets?.add(token);
    const update = await this.#options.putSettings(this.#rawWith([...existing, workstation]));
    if (!update.ok) {
      await this.#options.secrets.delete(secretName, MONITOR_TOKEN_FIELD).catch(() => undefined);
      throw badRequest(
        `the workstation could not be added to the settings: ${update.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      );
    }
    this.#options.log.info(`supervisor: now watching ${workstation.label} at ${address}`);
    return { id: workstation.id, label: workstation.label, address };
  }

  async #remove(id: string): Promise<void> {
    const existing = this.#list();
    const workstation = existing.find((w) => w.id === id);
    if (!workstation) throw statusError(404, `no watched workstation "${id}"`);
    const update = await this.#options.putSettings(
      this.#rawWith(existing.filter((w) => w.id !== id)),
    );
    if (!update.ok) {
      throw badRequest(
        `the workstation could not be removed from the settings: ${update.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      );
    }
    await this.#options.secrets
      .delete(workstationSecretName(id), MONITOR_TOKEN_FIELD)
      .catch((error: unknown) =>
        this.#options.log.warn(
          `supervisor: the monitor token of ${workstation.label} could not be deleted from ${this.#options.secrets.description}: ${(error as Error).message}`,
        ),
      );
    this.#options.log.info(`supervisor: no longer watching ${workstation.label}`);
  }

  #list(): readonly Workstation[] {
    return this.#options.settings().supervisor?.workstations ?? [];
  }

  async #row(workstation: Workstation): Promise<WorkstationRow> {
    const token = await this.#token(workstation);
    let agent;
    try {
      agent = await workstationAgent(workstation);
    } catch (error) {
      const problem = `unreachable: ${(error as Error).message}`;
      return checkWorkstation(workstation, { token: { missing: problem } });
    }
    try {
      return await checkWorkstation(workstation, { token, dispatcher: agent });
    } finally {
      void agent.close().catch(() => undefined);
    }
  }

  async #token(workstation: Workstation): Promise<string | { readonly missing: string }> {
    const { secrets } = this.#options;
    try {
      const token = await secrets.get(workstationSecretName(workstation.id), MONITOR_TOKEN_FIELD);
      if (token === null) {
        return {
          missing: `no monitor token is stored for it in ${secrets.description}: remove it and add it again with its token`,
        };
      }
      this.#options.knownSecrets?.add(token);
      return token;
    } catch (error) {
      return {
        missing: `its monitor token could not be read from ${secrets.description}: ${(error as Error).message}`,
      };
    }
  }

  /** The raw settings as stored, with the workstation list replaced. */
  #rawWith(workstations: readonly Workstation[]): unknown {
    const raw = this.#options.rawSettings();
    const base = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const supervisor =
      typeof base['supervisor'] === 'object' && base['supervisor'] !== null
        ? (base['supervisor'] as Record<string, unknown>)
        : {};
    return { ...base, supervisor: { ...supervisor, workstations } };
  }
}

/** A short id no watched workstation has yet. */
function newId(existing: readonly Workstation[]): string {
  for (;;) {
    const id = randomBytes(4).toString('hex');
    if (!existing.some((w) => w.id === id)) return id;
  }
}

function badRequest(message: string): Error {
  return statusError(400, message);
}

function statusError(statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { statusCode });
}
