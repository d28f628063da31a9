import type {
  ConnectionTest,
  ConnectorInfo,
  CourierApi,
  CourierEvent,
  NamePreview,
  NamingChoice,
  PresetInfo,
  ProfileStatus,
  RecordingItem,
  RecordingPage,
  RecordingQuery,
  ServiceState,
  SettingsError,
  MonitoringInfo,
  PolicyInfo,
  SettingsUpdate,
  NewWorkstation,
  WorkstationInfo,
  WorkstationRow,
  StatusAnswer,
} from '../../../../preload/api.ts';
import { findConnector } from '../../../../main/core/connectors/registry.ts';
import { connectorInfos } from '../../../../main/core/service/connector-info.ts';
import { presetInfos, previewName } from '../../../../main/core/service/name-preview.ts';
import { RECORDING_STATUSES } from '../../../../main/core/store/recording-status.ts';

/** A recording as the fake's queue holds it. */
export function recording(id: number, overrides: Partial<RecordingItem> = {}): RecordingItem {
  const fileName = `2024-04-01_15-20-00_agent${id}.wav`;
  return {
    id,
    path: `/var/spool/asterisk/monitor/${fileName}`,
    fileName,
    destination: 'et',
    status: 'queued',
    error: null,
    errorCode: null,
    attempts: 0,
    remoteId: null,
    remoteUrl: null,
    metadata: { agentId: `agent${id}` },
    audio: { container: 'wav', codec: 'pcm', channels: 2, sampleRate: 8000, durationSec: 61 },
    sizeBytes: 976_044,
    updatedAt: '2024-04-01T15:21:00.000Z',
    nextAttemptAt: null,
    warnings: [],
    ...overrides,
  };
}

/**
 * A small, honest CourierApi in memory, for testing the HTTP transport: it keeps recordings,
 * settings and secrets, announces changes to its listeners, and rejects what the contract says
 * it rejects (an unknown recording or profile, skipping a delivered recording).
 */
export class InMemoryCourier implements CourierApi {
  recordings: RecordingItem[];
  state: ServiceState = 'running';
  settings: unknown = {
    watch: [{ path: '/var/spool/asterisk/monitor', destinations: ['et'] }],
    profiles: [{ id: 'et', connector: 'enderturing', options: { username: 'up@example.com' } }],
  };
  readonly secrets = new Map<string, string>();
  readonly #listeners = new Set<(event: CourierEvent) => void>();

  constructor(recordings: RecordingItem[] = [1, 2, 3].map((id) => recording(id))) {
    this.recordings = recordings;
  }

  /** How many subscribers are listening now. */
  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** Announces an event to every subscriber, as the service does when something changes. */
  emit(event: CourierEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  async status(): Promise<StatusAnswer> {
    const counts = Object.fromEntries(RECORDING_STATUSES.map((s) => [s, 0])) as Record<
      (typeof RECORDING_STATUSES)[number],
      number
    >;
    for (const item of this.recordings) counts[item.status] += 1;
    return {
      state: this.state,
      counts,
      bytesPerSecond: 0,
      nextBandwidthChange: null,
      profiles: this.#profiles(),
    };
  }

  async listRecordings(query: RecordingQuery): Promise<RecordingPage> {
    const q = query.q?.toLowerCase();
    const after = query.cursor === undefined ? Infinity : Number(query.cursor);
    const matching = this.recordings
      .filter((r) => query.status === undefined || r.status === query.status)
      .filter((r) => q === undefined || r.fileName.toLowerCase().includes(q))
      .filter((r) => r.id < after)
      .sort((a, b) => b.id - a.id);
    const limit = query.limit ?? 100;
    const items = matching.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: matching.length > limit && last ? String(last.id) : null };
  }

  async enqueue(path: string): Promise<readonly RecordingItem[]> {
    if (!path.startsWith('/var/spool/asterisk/monitor/')) {
      throw Object.assign(new Error(`${path} is not inside a watch folder`), { statusCode: 400 });
    }
    const id = Math.max(0, ...this.recordings.map((r) => r.id)) + 1;
    const item = recording(id, { path, fileName: path.slice(path.lastIndexOf('/') + 1) });
    this.recordings.push(item);
    this.emit({ type: 'recording', item });
    return [item];
  }

  async retry(id: number): Promise<RecordingItem> {
    const item = this.#find(id);
    if (item.status === 'uploaded' || item.status === 'processed') {
      throw new Error(`recording ${id} is already delivered`);
    }
    return this.#update({ ...item, status: 'queued', error: null, nextAttemptAt: null });
  }

  async skip(id: number): Promise<RecordingItem> {
    const item = this.#find(id);
    if (item.status !== 'failed' && item.status !== 'queued') {
      throw new Error(
        `recording ${id} is ${item.status}: only queued or failed ones can be skipped`,
      );
    }
    return this.#update({ ...item, status: 'skipped' });
  }

  async pause(): Promise<void> {
    this.state = 'paused';
    this.emit({ type: 'status', status: await this.status() });
  }

  async resume(): Promise<void> {
    this.state = 'running';
    this.emit({ type: 'status', status: await this.status() });
  }

  async getSettings(): Promise<unknown> {
    return structuredClone(this.settings);
  }

  async policy(): Promise<PolicyInfo> {
    return { file: null, locked: [] };
  }

  async putSettings(settings: unknown): Promise<SettingsUpdate> {
    const errors = settingsErrors(settings);
    if (errors.length > 0) return { ok: false, errors };
    this.settings = structuredClone(settings);
    return { ok: true };
  }

  async setSecret(profile: string, field: string, value: string): Promise<void> {
    this.#profile(profile);
    this.secrets.set(`${profile}/${field}`, value);
  }

  async testProfile(id: string): Promise<ConnectionTest> {
    this.#profile(id);
    return this.secrets.has(`${id}/password`)
      ? { ok: true, message: 'Signed in to Ender Turing' }
      : { ok: false, message: `no password is stored for ${id}` };
  }

  async secretsStored(profile: string): Promise<Readonly<Record<string, boolean>>> {
    const { connector } = this.#profiles().find((p) => p.id === profile) ?? {};
    if (connector === undefined) throw new Error(`no profile ${profile}`);
    const fields = findConnector(connector)?.options.filter((o) => o.secret) ?? [];
    return Object.fromEntries(
      fields.map((o) => [o.name, this.secrets.has(`${profile}/${o.name}`)]),
    );
  }

  /** The real declarations and name reading: both are pure, so the fake need not invent its own. */
  async connectors(): Promise<readonly ConnectorInfo[]> {
    return connectorInfos();
  }

  async presets(): Promise<readonly PresetInfo[]> {
    return presetInfos();
  }

  async previewName(fileName: string, naming: NamingChoice): Promise<NamePreview> {
    return previewName(fileName, naming);
  }

  /** The supervisor's watched workstations (the fake never asks them; every row says so). */
  readonly workstationList: WorkstationInfo[] = [
    { id: '2', label: 'Agent 2', address: 'http://192.168.1.22:8490' },
  ];

  async workstations(): Promise<readonly WorkstationRow[]> {
    return this.workstationList.map((w) => ({
      ...w,
      health: 'unreachable',
      problem: 'unreachable: the fake asks nobody',
      backlog: null,
      failed: null,
      oldestWaitingSeconds: null,
      lastDeliveryAt: null,
      alarms: [],
      checkedAt: new Date(0).toISOString(),
    }));
  }

  async addWorkstation(workstation: NewWorkstation): Promise<WorkstationInfo> {
    const info = {
      id: String(this.workstationList.length + 10),
      label: workstation.label,
      address: workstation.address,
    };
    this.workstationList.push(info);
    this.secrets.set(`supervisor-${info.id}/monitorToken`, workstation.monitorToken);
    return info;
  }

  async removeWorkstation(id: string): Promise<void> {
    const index = this.workstationList.findIndex((w) => w.id === id);
    if (index < 0)
      throw Object.assign(new Error(`no watched workstation "${id}"`), { statusCode: 404 });
    this.workstationList.splice(index, 1);
  }

  async monitoring(): Promise<MonitoringInfo> {
    return {
      enabled: false,
      listening: false,
      secure: false,
      addresses: [],
      monitorToken: 'fake-monitor-token',
      problem: null,
    };
  }

  onEvent(listener: (event: CourierEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #find(id: number): RecordingItem {
    const item = this.recordings.find((r) => r.id === id);
    if (!item) throw new Error(`no recording ${id}`);
    return item;
  }

  #update(item: RecordingItem): RecordingItem {
    const updated = { ...item, updatedAt: new Date().toISOString() };
    this.recordings = this.recordings.map((r) => (r.id === item.id ? updated : r));
    this.emit({ type: 'recording', item: updated });
    return updated;
  }

  #profiles(): ProfileStatus[] {
    const profiles = (this.settings as { profiles?: { id: string; connector: string }[] }).profiles;
    return (profiles ?? []).map((p) => ({
      id: p.id,
      connector: p.connector,
      label: p.id,
      state: this.state === 'paused' ? 'paused' : 'active',
    }));
  }

  #profile(id: string): void {
    if (!this.#profiles().some((p) => p.id === id)) throw new Error(`no profile ${id}`);
  }
}

function settingsErrors(settings: unknown): SettingsError[] {
  const profiles = (settings as { profiles?: unknown } | null)?.profiles;
  if (!Array.isArray(profiles)) return [{ path: 'profiles', message: 'must be a list' }];
  return profiles.flatMap((p: unknown, i) =>
    typeof (p as { id?: unknown } | null)?.id === 'string'
      ? []
      : [{ path: `profiles[${i}].id`, message: 'is required' }],
  );
}
