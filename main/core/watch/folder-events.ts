import { watch, type FSWatcher } from 'node:fs';
import { sep } from 'node:path';
import { isGoneError } from './watch-messages.ts';

/** Called with what changed in a watched folder: the name as bytes (null when the system did not say), and the kind of event. */
export type FolderChange = (folder: string, name: Buffer | null, type: string) => void;

/**
 * The operating system's change events for the folders of one watch folder: one watch per
 * folder (inotify on Linux, the native per-folder watch elsewhere), never one per file and
 * never polling. Names come as bytes, so that a name that is not UTF-8 still leads to its file.
 * What a change means is for the caller to find out.
 */
export class FolderEvents {
  readonly #watchers = new Map<string, FSWatcher>();
  readonly #changed: FolderChange;
  readonly #failed: (folder: string, error: unknown) => void;

  /** `failed` hears why a folder cannot be watched (a folder that is gone is not a failure). */
  constructor(changed: FolderChange, failed: (folder: string, error: unknown) => void) {
    this.#changed = changed;
    this.#failed = failed;
  }

  /** How many folders are watched. */
  get size(): number {
    return this.#watchers.size;
  }

  /** Whether the folder at this path is watched. */
  has(folder: string): boolean {
    return this.#watchers.has(folder);
  }

  /** Starts the events of one folder, unless they are on already. */
  add(folder: string): void {
    if (this.#watchers.has(folder)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, { encoding: 'buffer' }, (type, name) =>
        this.#changed(folder, name, type),
      );
    } catch (error) {
      if (!isGoneError(error)) this.#failed(folder, error);
      return;
    }
    watcher.on('error', (error) => {
      this.#close(folder, watcher);
      if (!isGoneError(error)) this.#failed(folder, error);
    });
    this.#watchers.set(folder, watcher);
  }

  /** Stops the events of a folder and of every folder inside it (it was deleted or moved away). */
  removeInside(folder: string): void {
    const inside = folder.endsWith(sep) ? folder : `${folder}${sep}`;
    for (const [path, watcher] of this.#watchers) {
      if (path === folder || path.startsWith(inside)) this.#close(path, watcher);
    }
  }

  /** Stops every event. */
  close(): void {
    for (const [path, watcher] of this.#watchers) this.#close(path, watcher);
  }

  #close(path: string, watcher: FSWatcher): void {
    watcher.close();
    if (this.#watchers.get(path) === watcher) this.#watchers.delete(path);
  }
}
