import { TypedEvent, type Disposer } from '../events/typed-event.ts';
import { fsErrorMessage } from './watch-messages.ts';
import type { WatchProblem } from './watch-types.ts';

/** Distinct problems remembered as already said, until the next scan says them again. */
const SAID_LIMIT = 1000;

/**
 * Says the problems of one watch folder, each once: a problem with the folder itself until it
 * is fixed, any other until the next scan, so that a lasting problem is repeated once a scan.
 */
export class WatchProblems {
  readonly #root: string;
  readonly #event = new TypedEvent<WatchProblem>();
  readonly #said = new Set<string>();
  #rootProblem: string | undefined;

  constructor(root: string) {
    this.#root = root;
  }

  /** Calls the listener with each problem, said once. */
  on(listener: (problem: WatchProblem) => void): Disposer {
    return this.#event.on(listener);
  }

  /** Says what is wrong with the folder itself, unless that was the last thing said about it. */
  aboutRoot(message: string): void {
    if (this.#rootProblem === message) return;
    this.#rootProblem = message;
    this.#event.emit({ path: this.#root, message });
  }

  /** Notes that the folder itself is fine again, so that a new problem with it is said. */
  rootIsFine(): void {
    this.#rootProblem = undefined;
  }

  /** Says why a path cannot be watched or read, unless that was said since the last scan. */
  error(path: string, error: unknown): void {
    const message = fsErrorMessage(path, error);
    if (this.#said.has(message)) return;
    if (this.#said.size >= SAID_LIMIT) this.#said.clear();
    this.#said.add(message);
    this.#event.emit({ path, message });
  }

  /** A new scan starts: what it finds wrong is said again. */
  newScan(): void {
    this.#said.clear();
  }

  /** Removes every listener. */
  clear(): void {
    this.#event.clear();
  }
}
