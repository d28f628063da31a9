import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { EnqueueOptions } from '../../../../main/core/store/enqueue-recording.ts';
import type { NewRecording, RecordingRow } from '../../../../main/core/store/recording-row.ts';
import { openQueue } from '../../../../main/core/store/open-queue.ts';
import type { QueueStore } from '../../../../main/core/store/queue-store.ts';

/** A clock that moves one millisecond every time it is read, so every change has its own time. */
export function steppingClock(start = 1_700_000_000_000): () => number {
  let now = start;
  return () => (now += 1);
}

let files = 0;

/** A fresh queue file in `dir`, with a stepping clock unless one is given. */
export async function freshQueue(
  dir: string,
  now: () => number = steppingClock(),
): Promise<{ store: QueueStore; path: string }> {
  files += 1;
  const path = join(dir, `queue-${files}.sqlite`);
  const { store } = await openQueue(path, { now });
  return { store, path };
}

/** A recording as intake would hand it over; its content is named by `content`. */
export function recording(
  name: string,
  content = name,
  overrides: Partial<NewRecording> = {},
): NewRecording {
  return {
    path: `/var/spool/asterisk/monitor/${name}`,
    fileName: name,
    sizeBytes: content.length * 1000,
    mtimeMs: 1_700_000_000_000.25,
    sha256: createHash('sha256').update(content).digest('hex'),
    metadata: { agentId: '101', direction: 'IN' },
    audio: {
      container: 'wav',
      codec: 'pcm',
      channels: 2,
      sampleRate: 8000,
      durationSec: 61.5,
      bitsPerSample: 16,
    },
    ...overrides,
  };
}

/** Claims anything for any destination. */
export const anyDestination = (): boolean => true;

/** The value, or a failed test when there is none. */
export function present<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value, got none');
  return value;
}

/** Queues a recording for one destination and returns its row. */
export function enqueueOne(
  store: QueueStore,
  found: NewRecording,
  destination = 'et',
  options: EnqueueOptions = {},
): RecordingRow {
  return present(store.enqueue(found, [destination], options)[0]);
}

/** Queues a recording for two destinations and returns both rows. */
export function enqueueTwo(
  store: QueueStore,
  found: NewRecording,
  destinations: readonly [string, string] = ['et', 'tethr'],
  options: EnqueueOptions = {},
): [RecordingRow, RecordingRow] {
  const [first, second] = store.enqueue(found, destinations, options);
  return [present(first), present(second)];
}

/** Claims the next recording, failing the test when there is none. */
export function claim(
  store: QueueStore,
  now = 0,
  eligible: (destination: string) => boolean = anyDestination,
): RecordingRow {
  return present(store.claimNext(now, eligible));
}
