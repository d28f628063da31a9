import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { posix } from 'node:path';
import type { RemoteStats, SftpChannel } from './sftp-channel.ts';
import type {
  BandwidthPacing,
  ProgressListener,
  ReadHashing,
  UploadJob,
  UploadReceipt,
} from '../connector.ts';
import { RejectedError, TransientError } from '../errors.ts';
import { RemoteFileWriter } from './remote-writer.ts';
import { fileFailure, type SftpAction, type SftpWords } from './sftp-errors.ts';
import {
  closeHandle,
  createExclusive,
  listNames,
  removeQuietly,
  renameFile,
  statHandle,
  statOrNull,
} from './sftp-files.ts';

/**
 * How much of the recording is handed to one SFTP write: fewer, fuller requests per file than
 * the stream default. Kept under OpenSSH's largest write (255 KiB): ssh2 splits a bigger one
 * and sends its tail only once the head is answered.
 */
const WRITE_BYTES = 128 * 1024;

/**
 * How much is read at a time, then sent as several writes: a read is a trip to a worker
 * thread and back, which waits its turn behind everything else the service does.
 */
const READ_BLOCK_BYTES = 4 * WRITE_BYTES;

/** Where and how one recording is written. */
export interface DropTarget extends SftpWords {
  readonly sftp: SftpChannel;
  readonly remoteDir: string;
}

/** How one upload is run. */
export interface DeliveryOptions {
  readonly signal: AbortSignal;
  readonly onProgress: ProgressListener;
  readonly pace?: BandwidthPacing['pace'];
  readonly pieceBytes?: BandwidthPacing['pieceBytes'];
}

/** The remote path a recording is delivered to: its original name in the remote folder. */
export function finalPath(remoteDir: string, fileName: string): string {
  if (fileName === '' || /[/\\\0]/.test(fileName) || fileName === '.' || fileName === '..') {
    throw new RejectedError(`"${fileName}" cannot be used as a file name on the SFTP server`);
  }
  return posix.join(remoteDir, fileName);
}

/** The recording if the remote folder already holds it whole under its name, else null. */
export async function findDelivered(
  target: DropTarget,
  job: UploadJob,
): Promise<UploadReceipt | null> {
  const path = finalPath(target.remoteDir, job.fileName);
  const stats = await statOrNull(target.sftp, path).catch((error: unknown) => {
    throw fileFailure(error, action(target, `look for ${job.fileName}`));
  });
  return stats !== null && sameRecording(stats, job) ? { remoteId: path } : null;
}

/**
 * Streams the recording into a hidden temporary file in the remote folder, checks the size
 * the server holds, and renames it to its original name: the platform never sees half a
 * file. On any failure the temporary file is removed (best effort).
 */
export async function deliverFile(
  target: DropTarget,
  job: UploadJob,
  options: DeliveryOptions,
): Promise<UploadReceipt> {
  const { sftp, remoteDir, label } = target;
  const path = finalPath(remoteDir, job.fileName);
  if (job.attempt > 1) {
    // An earlier attempt may have got there. A first attempt does not ask: the rename below
    // refuses to replace a file, and a file already under the name is judged then.
    const existing = await statOrNull(sftp, path).catch((error: unknown) => {
      throw fileFailure(error, action(target, `look for ${job.fileName}`));
    });
    if (existing !== null) return alreadyThere(existing, job, path, label);
    await removeLeftovers(target, job.fileName);
  }

  const temp = posix.join(
    remoteDir,
    `${tempPrefix(job.fileName)}${randomBytes(6).toString('hex')}`,
  );
  const handle = await createExclusive(sftp, temp).catch((error: unknown) => {
    throw fileFailure(error, action(target, `write into ${remoteDir}`));
  });
  let renamed = false;
  try {
    const stored = await writeContent(target, handle, job, options);
    if (stored.size !== job.sizeBytes) {
      throw new TransientError(
        `${label} holds ${stored.size} of the ${job.sizeBytes} bytes of ${job.fileName} after the upload; it will be sent again`,
      );
    }
    try {
      await renameFile(sftp, temp, path);
    } catch (error) {
      // The answer may be lost after the rename happened, or another upload took the name first.
      const there = await statOrNull(sftp, path).catch(() => undefined);
      const renaming = action(target, `give ${job.fileName} its name`);
      if (there === undefined) throw fileFailure(error, { ...renaming, uncertain: true });
      if (there !== null) return alreadyThere(there, job, path, label);
      throw fileFailure(error, renaming);
    }
    renamed = true;
    return { remoteId: path };
  } finally {
    if (!renamed) await removeQuietly(sftp, temp);
  }
}

/** The start of the hidden temporary names a recording is written under. */
function tempPrefix(fileName: string): string {
  return `.${fileName}.part-`;
}

/**
 * Removes temporary files an earlier attempt left when its connection broke (it could not
 * remove them then). Best effort: a folder that cannot be listed is left as it is.
 */
async function removeLeftovers(target: DropTarget, fileName: string): Promise<void> {
  const { sftp, remoteDir } = target;
  const names = await listNames(sftp, remoteDir).catch((): string[] => []);
  for (const name of names.filter((n) => n.startsWith(tempPrefix(fileName)))) {
    await removeQuietly(sftp, posix.join(remoteDir, name));
  }
}

/**
 * Sends the file (paced by the bandwidth limit) into the open handle, then closes it; answers
 * what the server holds, asked for in the same round trip as the close.
 */
async function writeContent(
  target: DropTarget,
  handle: Buffer,
  job: UploadJob,
  options: DeliveryOptions,
): Promise<RemoteStats> {
  const { sftp, label } = target;
  const { signal, onProgress } = options;
  let sent = 0;
  const writer = new RemoteFileWriter(
    sftp,
    handle,
    (bytes) => {
      sent = bytes;
      onProgress(bytes);
    },
    signal,
  );
  try {
    await sendFile(job.path, writer, options, job.hashing);
  } catch (error) {
    await closeHandle(sftp, handle).catch(() => undefined);
    if (signal.aborted) {
      throw new TransientError(`the upload of ${job.fileName} to ${label} was cancelled`, {
        cause: signal.reason,
      });
    }
    const local = error as NodeJS.ErrnoException;
    if (typeof local.syscall === 'string') {
      throw local.code === 'ENOENT'
        ? new RejectedError(`the recording ${job.path} is gone`, { cause: error })
        : new TransientError(`could not read the recording ${job.path}: ${local.message}`, {
            cause: error,
          });
    }
    throw fileFailure(error, action(target, `write ${job.fileName}`));
  } finally {
    writer.dispose();
  }
  // Both requests leave at once; the server answers requests on one handle in order.
  const stored = statHandle(sftp, handle);
  const closed = closeHandle(sftp, handle);
  const [stats] = await Promise.all([stored, closed]).catch(async (error: unknown) => {
    await Promise.allSettled([stored, closed]);
    throw fileFailure(error, action(target, `write ${job.fileName}`));
  });
  if (sent !== job.sizeBytes) {
    throw new TransientError(
      `${job.fileName} changed while it was being sent (${sent} bytes instead of ${job.sizeBytes})`,
    );
  }
  return stats;
}

/**
 * Reads the recording a block at a time and sends each block through `writer` as writes of
 * WRITE_BYTES, paced by the bandwidth limit, and hands each block to `hashing` when the job
 * has one. Under a limit a block is no bigger than the limit lets go at once, so that no
 * burst leaves at the line's speed. The blocks are buffers kept between uploads (see
 * spareBlocks).
 */
async function sendFile(
  path: string,
  writer: RemoteFileWriter,
  { pace, pieceBytes }: Pick<DeliveryOptions, 'pace' | 'pieceBytes'>,
  hashing: ReadHashing | undefined,
): Promise<void> {
  const file = await open(path, 'r');
  hashing?.restart();
  try {
    for (;;) {
      const block = spareBlocks.pop() ?? Buffer.allocUnsafe(READ_BLOCK_BYTES);
      // The block comes back once every write made from it is answered (ssh2 and the pipe to
      // ssh read from it until then) and no more will be made: the loop holds one count.
      let holds = 1;
      const release = (): void => {
        holds -= 1;
        if (holds === 0) giveBack(block);
      };
      try {
        // Not cut short by a failure: a read still filling the block must not meet its next user.
        const limit = pieceBytes?.() ?? null;
        const want =
          limit === null ? READ_BLOCK_BYTES : Math.max(1, Math.min(READ_BLOCK_BYTES, limit));
        const { bytesRead } = await file.read(block, 0, want, null);
        if (bytesRead === 0) break;
        if (pace) await writer.during(pace(bytesRead));
        // Before any write: once they are answered, another upload may read into the block.
        hashing?.update(block.subarray(0, bytesRead));
        for (let at = 0; at < bytesRead; at += WRITE_BYTES) {
          const length = Math.min(WRITE_BYTES, bytesRead - at);
          holds += 1;
          await writer.send(block.subarray(at, at + length), length, release);
        }
      } finally {
        release();
      }
    }
    await writer.finish();
  } finally {
    await file.close();
  }
}

/**
 * Read buffers waiting for the next block: a backlog sends hundreds of files in a row, and a
 * fresh buffer per block kept the garbage collector busy. A block comes back once its writes
 * are answered; at most 8 are kept (4 MiB), the writes in flight of two uploads.
 */
const spareBlocks: Buffer[] = [];
const MAX_SPARE_BLOCKS = 8;

function giveBack(block: Buffer): void {
  if (spareBlocks.length < MAX_SPARE_BLOCKS) spareBlocks.push(block);
}

/** A file already under the recording's name: the same recording when the size matches. */
function alreadyThere(
  stats: RemoteStats,
  job: UploadJob,
  path: string,
  label: string,
): UploadReceipt {
  if (sameRecording(stats, job)) return { remoteId: path };
  throw new RejectedError(
    `${label} already holds a different file named ${job.fileName} in ${posix.dirname(path)} (${stats.size} bytes, this recording has ${job.sizeBytes}): rename the recording or remove that file`,
  );
}

function sameRecording(stats: RemoteStats, job: UploadJob): boolean {
  return stats.isFile() && stats.size === job.sizeBytes;
}

function action(target: DropTarget, doing: string): SftpAction {
  return { label: target.label, address: target.address, remoteDir: target.remoteDir, doing };
}
