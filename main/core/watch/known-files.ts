import { isAbsolute, relative, sep } from 'node:path';

/** What is kept per reported file: its size and time, and the last scan that saw it. */
interface Known {
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  seenInScan: number;
}

/**
 * The recordings and sidecars of one watch folder that were reported, with the size and time
 * they had: a file is reported again only when these change. Keys are paths relative to the
 * folder, so that a folder of 100,000 files costs a short string and two numbers each.
 */
export class KnownFiles {
  readonly #root: string;
  /** The root with a separator after it: what every path below it starts with. */
  readonly #prefix: string;
  readonly #files = new Map<string, Known>();

  constructor(root: string) {
    this.#root = root;
    this.#prefix = root.endsWith(sep) ? root : `${root}${sep}`;
  }

  /** How many files are remembered. */
  get size(): number {
    return this.#files.size;
  }

  /** Whether the file was reported with exactly this size and time. */
  isUnchanged(path: string, sizeBytes: number, mtimeMs: number): boolean {
    const known = this.#files.get(this.#key(path));
    return known !== undefined && known.sizeBytes === sizeBytes && known.mtimeMs === mtimeMs;
  }

  /** Remembers that the file was reported with this size and time. */
  remember(path: string, sizeBytes: number, mtimeMs: number, scan: number): void {
    this.#files.set(this.#key(path), { sizeBytes, mtimeMs, seenInScan: scan });
  }

  /** Notes that a scan found the file still there. */
  markSeen(path: string, scan: number): void {
    const known = this.#files.get(this.#key(path));
    if (known) known.seenInScan = scan;
  }

  /** Forgets a file that was deleted or moved away. */
  forget(path: string): void {
    this.#files.delete(this.#key(path));
  }

  /** Forgets every file inside a folder that was deleted or moved away. */
  forgetInside(folder: string): void {
    const key = this.#key(folder);
    const prefix = key === '' ? '' : `${key}${sep}`;
    for (const file of this.#files.keys()) if (file.startsWith(prefix)) this.#files.delete(file);
  }

  /** Forgets every file that the given scan, which walked the whole folder, did not see. */
  forgetUnseen(scan: number): void {
    for (const [file, known] of this.#files) if (known.seenInScan < scan) this.#files.delete(file);
  }

  #key(path: string): string {
    // A start-up scan asks for 100,000 keys: the common case without path.relative.
    if (path.startsWith(this.#prefix) && !path.includes(`${sep}.`) && !path.includes(sep + sep)) {
      return path.slice(this.#prefix.length);
    }
    const below = relative(this.#root, path);
    return isAbsolute(below) ? path : below;
  }
}
