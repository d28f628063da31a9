import { createHash, type Hash } from 'node:crypto';
import type { ReadHashing } from '../connectors/connector.ts';

/**
 * The SHA-256 of what an upload read of a recording whose hash intake left to it: the upload
 * hands over each byte as it reads it (see ReadHashing), and reading from the top again
 * (a retried request) starts over.
 */
export class SentContentHash implements ReadHashing {
  #hash: Hash = createHash('sha256');
  #bytes = 0;

  restart(): void {
    this.#hash = createHash('sha256');
    this.#bytes = 0;
  }

  update(bytes: Uint8Array): void {
    this.#hash.update(bytes);
    this.#bytes += bytes.length;
  }

  /**
   * The hex digest of what was read, when that was exactly `sizeBytes` bytes from the top;
   * undefined when the upload read less or more (cut short, or not read through this).
   */
  digest(sizeBytes: number): string | undefined {
    return this.#bytes === sizeBytes ? this.#hash.digest('hex') : undefined;
  }
}
