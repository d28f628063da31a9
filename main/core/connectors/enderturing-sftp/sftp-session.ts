import type {
  ConnectionTest,
  ConnectorContext,
  ConnectorSession,
  ProgressListener,
  UploadJob,
  UploadReceipt,
} from '../connector.ts';
import { connectionTestFrom } from '../connection-test.ts';
import { TransientError } from '../errors.ts';
import { uploadStreaming } from '../upload-streaming.ts';
import { deliverFile, findDelivered, type DropTarget } from './deliver-file.ts';
import { LABEL, readEndpoint, remoteDirOf } from './endpoint.ts';
import { openSftp, type SftpLink } from './sftp-connection.ts';
import { fileFailure } from './sftp-errors.ts';
import { statOrNull } from './sftp-files.ts';

/** How long unused connections are kept open before they are closed. */
const IDLE_CLOSE_MS = 60_000;

/**
 * The most connections one profile opens: one per upload running at once, up to this. The
 * server then decrypts and writes each upload in a process of its own, as it does for
 * rclone's transfers; more uploads than this share the connections.
 */
const MAX_CONNECTIONS = 4;

/** One connection of the profile's: open or being opened, and how many requests use it. */
interface Slot {
  link: Promise<SftpLink>;
  busy: number;
}

/**
 * One Ender Turing SFTP profile, ready to deliver: SSH connections opened on demand, one for
 * each upload running at once (see MAX_CONNECTIONS), kept between uploads and closed after a
 * minute without use.
 */
export class EnderTuringSftpSession implements ConnectorSession {
  /** The upload hands the job's hashing every byte of the recording it writes; sha256 is not used. */
  readonly hashesWhileSending = true;
  readonly #context: ConnectorContext;
  #slots: Slot[] = [];
  #busy = 0;
  #idleTimer: NodeJS.Timeout | undefined;
  #closed = false;
  /** Aborts a connection still being opened when the session closes. */
  readonly #closing = new AbortController();

  constructor(context: ConnectorContext) {
    this.#context = context;
  }

  /**
   * Logs in afresh on a connection of its own (uploads in progress are left alone) and
   * checks that the remote folder is there, in plain words.
   */
  testConnection(signal: AbortSignal): Promise<ConnectionTest> {
    return connectionTestFrom(async () => {
      const link = await openSftp(await readEndpoint(this.#context), signal);
      try {
        return await this.#checkRemoteDir(link);
      } finally {
        link.end();
      }
    });
  }

  /** Whether the remote folder is there, seen through a connection that has logged in. */
  async #checkRemoteDir(link: SftpLink): Promise<ConnectionTest> {
    const remoteDir = remoteDirOf(this.#context);
    const where = `${LABEL} at ${link.address}`;
    const stats = await statOrNull(link.sftp, remoteDir).catch((error: unknown) => {
      throw fileFailure(error, {
        label: LABEL,
        address: link.address,
        remoteDir,
        doing: `look at ${remoteDir}`,
      });
    });
    if (stats === null || !stats.isDirectory()) {
      return {
        ok: false,
        message: `Logged in to ${where}, but it has no folder ${remoteDir}: check the profile's remote folder`,
      };
    }
    const user = String(this.#context.profile.options.username);
    return {
      ok: true,
      message: `Logged in to ${where} as ${user}; recordings go into ${remoteDir}`,
    };
  }

  /** Writes the recording under a temporary name, checks its size, and gives it its own name. */
  upload(
    job: UploadJob,
    signal: AbortSignal,
    onProgress: ProgressListener,
  ): Promise<UploadReceipt> {
    const streaming = uploadStreaming(this.#context, onProgress);
    return this.#use(signal, (target) => deliverFile(target, job, { signal, ...streaming }));
  }

  /** The recording, if the remote folder already holds it whole under its name. */
  lookup(job: UploadJob, signal: AbortSignal): Promise<UploadReceipt | null> {
    return this.#use(signal, (target) => findDelivered(target, job));
  }

  /** Closes the connection. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#closing.abort();
    this.#drop();
  }

  /** Runs one piece of work on a connection of its own when it can, opening one if needed. */
  async #use<T>(signal: AbortSignal, work: (target: DropTarget) => Promise<T>): Promise<T> {
    if (this.#closed) throw new TransientError(`the ${LABEL} profile was closed`);
    this.#busy += 1;
    clearTimeout(this.#idleTimer);
    const slot = this.#slotForWork();
    slot.busy += 1;
    try {
      const link = await this.#connect(slot, signal);
      const { sftp, address } = link;
      return await work({ sftp, address, label: LABEL, remoteDir: remoteDirOf(this.#context) });
    } finally {
      slot.busy -= 1;
      this.#busy -= 1;
      if (this.#busy === 0 && !this.#closed) {
        this.#idleTimer = setTimeout(() => this.#drop(), IDLE_CLOSE_MS);
        this.#idleTimer.unref();
      }
    }
  }

  /** An unused connection; else a new one while there may be more; else the least used. */
  #slotForWork(): Slot {
    const idle = this.#slots.find((slot) => slot.busy === 0);
    if (idle) return idle;
    if (this.#slots.length < MAX_CONNECTIONS) {
      const slot: Slot = { link: this.#open(), busy: 0 };
      this.#slots.push(slot);
      return slot;
    }
    return this.#slots.reduce((least, slot) => (slot.busy < least.busy ? slot : least));
  }

  /** The slot's connection: the one open or being opened, or a new one if it has closed. */
  async #connect(slot: Slot, signal: AbortSignal, fresh = false): Promise<SftpLink> {
    const opening = slot.link;
    const link = await abortable(opening, signal, `the connection to ${LABEL} was cancelled`);
    if (link.usable() || fresh) return link;
    if (slot.link === opening) slot.link = this.#open();
    link.end();
    return this.#connect(slot, signal, true);
  }

  /** Opens a connection; one that fails gives up its slot, so that the next try opens afresh. */
  #open(): Promise<SftpLink> {
    const opening = readEndpoint(this.#context).then((endpoint) =>
      openSftp(endpoint, this.#closing.signal),
    );
    opening.catch(() => {
      this.#slots = this.#slots.filter((slot) => slot.link !== opening);
    });
    return opening;
  }

  /** Forgets the connections and closes them. */
  #drop(): void {
    clearTimeout(this.#idleTimer);
    const slots = this.#slots;
    this.#slots = [];
    for (const slot of slots) {
      slot.link.then(
        (open) => open.end(),
        () => undefined,
      );
    }
  }
}

/** The promise, or a TransientError as soon as the signal aborts. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal, message: string): Promise<T> {
  if (signal.aborted) return Promise.reject(new TransientError(message));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new TransientError(message, { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
