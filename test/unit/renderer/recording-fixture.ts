import type { RecordingItem } from '../../../preload/api.ts';

/** A recording as the API lists it; `minute` sets its updatedAt (2024-04-01 15:mm). */
export function item(
  id: number,
  minute: number,
  overrides: Partial<RecordingItem> = {},
): RecordingItem {
  const fileName = `20240401_1520_agent${id}_client${id}.wav`;
  return {
    id,
    path: `/recordings/${fileName}`,
    fileName,
    destination: 'et',
    status: 'queued',
    error: null,
    errorCode: null,
    attempts: 0,
    remoteId: null,
    remoteUrl: null,
    metadata: { agentId: `agent${id}`, clientId: `client${id}` },
    audio: null,
    sizeBytes: 1000,
    updatedAt: new Date(Date.UTC(2024, 3, 1, 15, minute)).toISOString(),
    nextAttemptAt: null,
    warnings: [],
    ...overrides,
  };
}
