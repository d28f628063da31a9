import type { RemoteStats, SftpChannel } from './sftp-channel.ts';
import { SFTP_STATUS, sftpStatus } from './sftp-errors.ts';

/**
 * SFTP file requests as promises. Failures keep ssh2's error (with its status code). A
 * request on a channel that has closed fails at once instead of waiting for ever.
 */

const closedChannels = new WeakSet<SftpChannel>();

/** Starts following a channel's end: call once when it opens. */
export function watchChannel(sftp: SftpChannel): void {
  sftp.setMaxListeners(0);
  sftp.once('close', () => closedChannels.add(sftp));
}

/** Whether the channel has closed (requests on it would never be answered). */
export function isClosed(sftp: SftpChannel): boolean {
  return closedChannels.has(sftp);
}

type Answer<T> = (error: Error | null | undefined, value: T) => void;

/** What a request without a result answers. */
type Done = undefined;

function request<T>(sftp: SftpChannel, send: (answer: Answer<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    if (isClosed(sftp)) return reject(new Error('the connection closed'));
    const onClose = (): void =>
      reject(new Error('the connection closed before the server answered'));
    sftp.once('close', onClose);
    send((error, value) => {
      sftp.off('close', onClose);
      if (error) reject(error);
      else resolve(value);
    });
  });
}

/** The attributes of a remote path, or null when there is nothing there. */
export function statOrNull(sftp: SftpChannel, path: string): Promise<RemoteStats | null> {
  return request<RemoteStats | null>(sftp, (answer) =>
    sftp.stat(path, (error, stats) => {
      if (error && sftpStatus(error) === SFTP_STATUS.noSuchFile) answer(null, null);
      else answer(error, stats);
    }),
  );
}

/** The names in a remote folder. */
export function listNames(sftp: SftpChannel, path: string): Promise<string[]> {
  return request<string[]>(sftp, (answer) =>
    sftp.readdir(path, (error, list) => answer(error, error ? [] : list.map((e) => e.filename))),
  );
}

/** Creates a new remote file for writing; fails if the name is taken. */
export function createExclusive(sftp: SftpChannel, path: string): Promise<Buffer> {
  return request<Buffer>(sftp, (answer) => sftp.open(path, 'wx', answer));
}

/** The attributes of an open remote file. */
export function statHandle(sftp: SftpChannel, handle: Buffer): Promise<RemoteStats> {
  return request<RemoteStats>(sftp, (answer) => sftp.fstat(handle, answer));
}

/** Closes a remote file handle; the server then holds everything written through it. */
export function closeHandle(sftp: SftpChannel, handle: Buffer): Promise<Done> {
  return request<Done>(sftp, (answer) => sftp.close(handle, (error) => answer(error, undefined)));
}

/** Renames a remote file; the SFTP rename refuses to replace an existing file. */
export function renameFile(sftp: SftpChannel, from: string, to: string): Promise<Done> {
  return request<Done>(sftp, (answer) =>
    sftp.rename(from, to, (error) => answer(error, undefined)),
  );
}

/** Removes a remote file, best effort: never fails, and gives up after `timeoutMs`. */
export async function removeQuietly(
  sftp: SftpChannel,
  path: string,
  timeoutMs = 10_000,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const unlink = request<Done>(sftp, (answer) =>
    sftp.unlink(path, (error) => answer(error, undefined)),
  );
  const giveUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
    timer.unref();
  });
  await Promise.race([unlink.catch(() => undefined), giveUp]);
  clearTimeout(timer);
}
