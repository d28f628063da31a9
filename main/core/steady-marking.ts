import { setFlagsFromString } from 'node:v8';

/**
 * A full collection starts once the old generation has used 80% of the room V8 gave it after
 * the last one. V8's own rule starts one as soon as that room is no bigger than the young
 * generation (16 MiB under `--max-semi-space-size=8`), and when collections look cheap it
 * gives the old generation just that much room: through a backlog, one full collection
 * followed another every ~65 ms (40–46 of them for 500 recordings, ~1.2 s of CPU on V8's
 * helper threads) in about half the runs. With this flag: 3–9, and ~0.3 s. The ceiling V8
 * sets on the heap is the same either way.
 */
export const STEADY_MARKING_FLAG = '--incremental-marking-soft-trigger=80';

/** Sets STEADY_MARKING_FLAG in this process: V8 reads it whenever it weighs a collection. */
export function steadyMarking(): void {
  setFlagsFromString(STEADY_MARKING_FLAG);
}
