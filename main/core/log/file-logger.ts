import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from './logger.ts';

/** Where and how much to log. */
export interface FileLoggerOptions {
  readonly dir: string;
  /** Rotate when the current file passes this size. */
  readonly maxBytes?: number;
  /** Rotated files kept: call-courier.log.1 … .N. */
  readonly keep?: number;
  /** Removes secrets from every line before it is written. */
  readonly redact?: (text: string) => string;
  /** Also echo each line here (the headless service's stderr). */
  readonly echo?: (line: string) => void;
}

/** How long after a failed write the log file is tried again. */
const REOPEN_AFTER_MS = 10_000;

/** A logger writing JSON lines to `<dir>/call-courier.log`, rotated by size. */
export class FileLogger implements Logger {
  readonly #options: Required<Omit<FileLoggerOptions, 'echo'>> & Pick<FileLoggerOptions, 'echo'>;
  readonly #path: string;
  #stream: WriteStream | undefined;
  #size = 0;
  #rotating: Promise<void> | undefined;
  /** Lines written while the file is being rotated. */
  #held: string[] = [];
  /** When writing the file last failed (a full disk): it is opened again a while later. */
  #failedAt: number | undefined;
  #closed = false;

  private constructor(options: FileLoggerOptions) {
    this.#options = { maxBytes: 10 * 1024 * 1024, keep: 5, redact: (t) => t, ...options };
    this.#path = join(options.dir, 'call-courier.log');
  }

  /** Opens (creating the folder) the log of a data dir. */
  static async open(options: FileLoggerOptions): Promise<FileLogger> {
    const logger = new FileLogger(options);
    await mkdir(options.dir, { recursive: true });
    logger.#size = await stat(logger.#path).then(
      (s) => s.size,
      () => 0,
    );
    logger.#stream = logger.#open();
    return logger;
  }

  info(message: string, fields?: Readonly<Record<string, unknown>>): void {
    this.#write('info', message, fields);
  }

  warn(message: string, fields?: Readonly<Record<string, unknown>>): void {
    this.#write('warn', message, fields);
  }

  error(message: string, fields?: Readonly<Record<string, unknown>>): void {
    this.#write('error', message, fields);
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    await this.#rotating;
    this.#closed = true;
    const stream = this.#stream;
    this.#stream = undefined;
    if (stream) await new Promise<void>((resolve) => stream.end(resolve));
  }

  #write(level: string, message: string, fields?: Readonly<Record<string, unknown>>): void {
    const line = this.#options.redact(
      JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }),
    );
    this.#options.echo?.(line);
    if (this.#rotating) {
      this.#held.push(line);
      return;
    }
    if (!this.#stream && this.#mayReopen()) this.#stream = this.#open();
    if (!this.#stream) return;
    this.#stream.write(`${line}\n`);
    this.#size += Buffer.byteLength(line) + 1;
    if (this.#size > this.#options.maxBytes && !this.#rotating) {
      this.#rotating = this.#rotate().finally(() => (this.#rotating = undefined));
    }
  }

  async #rotate(): Promise<void> {
    const old = this.#stream;
    if (old) await new Promise<void>((resolve) => old.end(resolve));
    for (let i = this.#options.keep - 1; i >= 1; i -= 1) {
      await rename(`${this.#path}.${i}`, `${this.#path}.${i + 1}`).catch(() => undefined);
    }
    await rename(this.#path, `${this.#path}.1`).catch(() => undefined);
    this.#size = 0;
    if (this.#stream !== old) return; // closed meanwhile
    this.#stream = this.#open();
    for (const line of this.#held.splice(0)) {
      this.#stream.write(`${line}\n`);
      this.#size += Buffer.byteLength(line) + 1;
    }
    if (this.#size > this.#options.maxBytes) await this.#rotate();
  }

  /** The log file, appended to; a failed write (a full disk) stops writing instead of ending the process. */
  #open(): WriteStream {
    const stream = createWriteStream(this.#path, { flags: 'a', mode: 0o600 });
    stream.on('error', (error) => {
      if (this.#stream !== stream) return;
      this.#stream = undefined;
      this.#failedAt = Date.now();
      this.#options.echo?.(
        JSON.stringify({
          time: new Date().toISOString(),
          level: 'error',
          message: `the log file ${this.#path} cannot be written (${error.message}); lines go only to the standard error until it can be written again`,
        }),
      );
    });
    return stream;
  }

  /** Whether to try the file again after a failed write. */
  #mayReopen(): boolean {
    if (this.#closed || this.#failedAt === undefined) return false;
    if (Date.now() - this.#failedAt < REOPEN_AFTER_MS) return false;
    this.#failedAt = undefined;
    return true;
  }
}
