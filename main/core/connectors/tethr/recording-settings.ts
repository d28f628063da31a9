import type { CallMetadata } from '../../metadata/call-metadata.ts';
import type { RecordingSetting } from './api-types.ts';

/** How long Tethr's list of agents is trusted before it is asked again. */
export const RECORDING_SETTINGS_TTL_MS = 5 * 60_000;

/** Fetches the list from Tethr. */
export type RecordingSettingsFetch = (signal: AbortSignal) => Promise<readonly RecordingSetting[]>;

/**
 * Tethr's recording settings, asked at most once every few minutes: an admin's change
 * reaches the uploader soon, without a request per call. A failed fetch is not kept.
 */
export class RecordingSettingsCache {
  readonly #fetch: RecordingSettingsFetch;
  readonly #now: () => number;
  readonly #ttlMs: number;
  #held: { readonly settings: readonly RecordingSetting[]; readonly at: number } | undefined;

  constructor(
    fetch: RecordingSettingsFetch,
    options: { readonly now?: () => number; readonly ttlMs?: number } = {},
  ) {
    this.#fetch = fetch;
    this.#now = options.now ?? Date.now;
    this.#ttlMs = options.ttlMs ?? RECORDING_SETTINGS_TTL_MS;
  }

  /** The list, from memory while it is fresh, else from Tethr. */
  async get(signal: AbortSignal): Promise<readonly RecordingSetting[]> {
    const held = this.#held;
    if (held !== undefined && this.#now() - held.at < this.#ttlMs) return held.settings;
    const settings = await this.#fetch(signal);
    this.#held = { settings, at: this.#now() };
    return settings;
  }

  /** Forgets the list, so that the next call asks Tethr. */
  clear(): void {
    this.#held = undefined;
  }
}

/**
 * Why Tethr's recording settings say this call must not be sent, or null when they allow
 * it. Agents are matched by agent id against `lookupId`, ignoring case and surrounding
 * spaces; an agent not in the list, or listed as Disabled, is not sent (seed 002).
 */
export function recordingSettingsSkipReason(
  settings: readonly RecordingSetting[],
  metadata: Pick<CallMetadata, 'agentId'>,
): string | null {
  const agentId = metadata.agentId?.trim();
  if (agentId === undefined || agentId === '') {
    return "not sent: Tethr's recording settings are in use for this destination, and the recording names no agent to look up in them";
  }
  const key = agentId.toLowerCase();
  const entries = settings.filter((s) => s.lookupId.trim().toLowerCase() === key);
  if (entries.length === 0) {
    return `not sent: agent ${agentId} is not listed in Tethr's recording settings, so Tethr does not want this agent's calls`;
  }
  if (entries.some((s) => s.recordingSetting.trim().toLowerCase() === 'disabled')) {
    return `not sent: Tethr's recording settings say Disabled for agent ${agentId}, so Tethr does not want this agent's calls`;
  }
  return null;
}
