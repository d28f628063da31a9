import { isDeepStrictEqual } from 'node:util';
import { checkPlanFor } from '../check/destinations-for-file.ts';
import type { ConnectorSession } from '../connectors/connector.ts';
import { uploadJob } from '../delivery/scheduler.ts';
import type { Logger } from '../log/logger.ts';
import { readCallMetadata } from '../metadata/read-call-metadata.ts';
import { sidecarPaths } from '../metadata/sidecar.ts';
import type { Settings } from '../settings/schema.ts';
import type { QueueStore, RecordingRow } from '../store/queue-store.ts';

/** What metadata updates reach of the service. */
export interface MetadataUpdateOptions {
  readonly store: QueueStore;
  readonly settings: () => Settings;
  readonly sessions: () => ReadonlyMap<string, ConnectorSession>;
  readonly log: Logger;
}

/**
 * Keeps the platform's copy of a recording's call details up to date where the
 * platform takes them after upload (Ender Turing with `updateMetadata` on): once a
 * recording is delivered, and again whenever its sidecar appears or changes.
 */
export class MetadataUpdates {
  readonly #options: MetadataUpdateOptions;

  constructor(options: MetadataUpdateOptions) {
    this.#options = options;
  }

  /** Sends the call details of a recording just delivered, when its profile asks for it. */
  async delivered(row: RecordingRow, remoteId: string, signal: AbortSignal): Promise<void> {
    const session = this.#wanting(row.destination);
    if (!session?.updateMetadata) return;
    try {
      await session.updateMetadata(uploadJob(row), remoteId, signal);
      this.#options.log.info(`${row.fileName}: call details sent`, { id: row.id });
    } catch (error) {
      this.#options.log.warn(
        `${row.fileName} was delivered, but its call details were not: ${(error as Error).message}`,
        { id: row.id, destination: row.destination },
      );
    }
  }

  /**
   * A sidecar settled: every recording it belongs to gets the call details read afresh;
   * the queue keeps them, and delivered ones are sent to platforms that take updates.
   */
  async sidecarChanged(sidecarPath: string, signal: AbortSignal): Promise<void> {
    const { store, log } = this.#options;
    const base = sidecarPath.slice(0, -'.json'.length);
    const rows = store
      .rowsForSidecarBase(base)
      .filter((row) => sidecarPaths(row.path).includes(sidecarPath));
    for (const path of new Set(rows.map((r) => r.path))) {
      const { metadata } = await readCallMetadata(
        path,
        checkPlanFor(this.#options.settings(), path).naming,
      );
      for (const row of rows.filter((r) => r.path === path)) {
        if (isDeepStrictEqual(row.metadata, metadata)) continue;
        const updated = store.replaceMetadata(
          row.id,
          metadata,
          `its sidecar changed: call details read again`,
        );
        log.info(`${row.fileName}: call details read again from its sidecar`, { id: row.id });
        const delivered = updated.status === 'uploaded' || updated.status === 'processed';
        if (delivered && updated.remoteId !== null) {
          await this.delivered(updated, updated.remoteId, signal);
        }
      }
    }
  }

  /** The destination's session, if its profile wants call details sent after upload. */
  #wanting(destination: string): ConnectorSession | undefined {
    const profile = this.#options.settings().profiles.find((p) => p.id === destination);
    if (profile?.options.updateMetadata !== true) return undefined;
    return this.#options.sessions().get(destination);
  }
}
