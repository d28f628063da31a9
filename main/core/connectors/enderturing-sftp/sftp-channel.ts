/**
 * The SFTP requests an upload makes, in ssh2's callback style: both ssh2's own channel and
 * the client that speaks SFTP through OpenSSH's `ssh` (sftp-client.ts) answer them. A failed
 * request's error carries the SFTP status on `code`, as ssh2 puts it.
 */

/** The attributes of a remote file, as much as an upload needs of them. */
export interface RemoteStats {
  readonly size: number;
  isFile(): boolean;
  isDirectory(): boolean;
}

/** One entry of a remote folder. */
export interface RemoteEntry {
  readonly filename: string;
}

type Callback<T> = (error: Error | null | undefined, value: T) => void;
type DoneCallback = (error?: Error | null) => void;

/** An open SFTP channel: requests are answered in the order the server completes them. */
export interface SftpChannel {
  stat(path: string, callback: Callback<RemoteStats>): void;
  readdir(path: string, callback: Callback<RemoteEntry[]>): void;
  /** Only 'wx' is asked for: create a new file for writing, failing if the name is taken. */
  open(path: string, mode: 'wx', callback: Callback<Buffer>): void;
  fstat(handle: Buffer, callback: Callback<RemoteStats>): void;
  close(handle: Buffer, callback: DoneCallback): void;
  rename(from: string, to: string, callback: DoneCallback): void;
  unlink(path: string, callback: DoneCallback): void;
  /** Writes `length` bytes of `buffer` from `offset` at `position`; `buffer` is read until answered. */
  write(
    handle: Buffer,
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: DoneCallback,
  ): void;
  /** 'close' once the channel has closed: requests on it are never answered after that. */
  once(event: 'close', listener: () => void): unknown;
  off(event: 'close', listener: () => void): unknown;
  setMaxListeners(count: number): unknown;
}
