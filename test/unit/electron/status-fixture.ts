import type { ProfileStatus, StatusAnswer } from '../../../preload/api.ts';
import type { RecordingStatus } from '../../../main/core/store/recording-status.ts';

/** A status answer: all delivered unless told otherwise. */
export function statusWith(
  overrides: {
    readonly state?: StatusAnswer['state'];
    readonly counts?: Partial<Record<RecordingStatus, number>>;
    readonly profiles?: readonly ProfileStatus[];
  } = {},
): StatusAnswer {
  return {
    state: overrides.state ?? 'running',
    counts: {
      queued: 0,
      uploading: 0,
      retrying: 0,
      uploaded: 12,
      processed: 30,
      failed: 0,
      skipped: 0,
      ...overrides.counts,
    },
    bytesPerSecond: 0,
    nextBandwidthChange: null,
    profiles: overrides.profiles ?? [
      { id: 'et', connector: 'enderturing', label: 'Ender Turing', state: 'active' },
    ],
  };
}

/** A destination in a given state. */
export function profile(
  id: string,
  state: ProfileStatus['state'],
  message?: string,
): ProfileStatus {
  return {
    id,
    connector: 'enderturing',
    label: id === 'et' ? 'Ender Turing' : `Platform ${id}`,
    state,
    ...(message ? { message } : {}),
  };
}
