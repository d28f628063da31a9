import { EventEmitter } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { RemoteEntry, RemoteStats, SftpChannel } from './sftp-channel.ts';
import { sshString as text } from './ssh-wire.ts';

/**
 * The client side of SFTP version 3 (draft-ietf-secsh-filexfer-02), spoken over a pair of
 * streams: the standard input and output of OpenSSH's `ssh -s … sftp`, which carries it
 * encrypted to the server. Only the requests an upload makes are here. Every request's
 * pieces are written together (corked until the next tick), so a write's header and data
 * leave in one system call and the data is never copied.
 */

const PACKET = {
  init: 1,
  version: 2,
  open: 3,
  close: 4,
  write: 6,
  fstat: 8,
  opendir: 11,
  readdir: 12,
  remove: 13,
  stat: 17,
  rename: 18,
  status: 101,
  handle: 102,
  name: 104,
  attrs: 105,
} as const;

const OPEN_WRITE = 0x02;
const OPEN_CREATE = 0x08;
const OPEN_EXCLUSIVE = 0x20;

const STATUS_OK = 0;
const STATUS_EOF = 1;

const ATTR_SIZE = 0x1;
const ATTR_UIDGID = 0x2;
const ATTR_PERMISSIONS = 0x4;
const ATTR_ACMODTIME = 0x8;
const ATTR_EXTENDED = 0x80000000;

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

/** A packet longer than this is not SFTP: the stream is out of step, or not SFTP at all. */
const MAX_PACKET_BYTES = 4 * 1024 * 1024;

/** A failed request: the server's status code on `code`, its message as the message. */
export class SftpStatusError extends Error {
  readonly code: number;

  constructor(code: number, message: string) {
    super(message === '' ? `SFTP status ${code}` : message);
    this.name = 'SftpStatusError';
    this.code = code;
  }
}

type Reply = (error: Error | null, packet?: PacketReader) => void;

/** An SFTP channel over a readable (the server's answers) and a writable (our requests). */
export class SftpClient extends EventEmitter implements SftpChannel {
  readonly #output: Writable;
  readonly #replies = new Map<number, Reply>();
  #nextId = 1;
  #pending: Buffer | null = null;
  #corked = false;
  #closed = false;
  #version: ((version: number) => void) | undefined;

  constructor(input: Readable, output: Writable) {
    super();
    this.#output = output;
    input.on('data', (chunk: Buffer) => this.#receive(chunk));
    input.once('end', () => this.#close(new Error('the connection closed')));
    input.once('error', (error: Error) => this.#close(error));
    output.on('error', (error: Error) => this.#close(error));
  }

  /** Says hello (INIT) and answers the server's protocol version; rejects if the channel closes first. */
  start(): Promise<number> {
    return new Promise((resolve, reject) => {
      const onClose = (): void => reject(new Error('the connection closed before SFTP started'));
      this.once('close', onClose);
      this.#version = (version) => {
        this.off('close', onClose);
        resolve(version);
      };
      const hello = Buffer.allocUnsafe(9);
      hello.writeUInt32BE(5, 0);
      hello[4] = PACKET.init;
      hello.writeUInt32BE(3, 5);
      this.#write(hello);
    });
  }

  /** Whether the channel has closed. */
  get closed(): boolean {
    return this.#closed;
  }

  stat(path: string, callback: (error: Error | null, stats: RemoteStats) => void): void {
    this.#request(PACKET.stat, [text(path)], (error, reply) =>
      error ? callback(error, NO_STATS) : callback(null, reply?.attrs() ?? NO_STATS),
    );
  }

  fstat(handle: Buffer, callback: (error: Error | null, stats: RemoteStats) => void): void {
    this.#request(PACKET.fstat, [text(handle)], (error, reply) =>
      error ? callback(error, NO_STATS) : callback(null, reply?.attrs() ?? NO_STATS),
    );
  }

  open(path: string, _mode: 'wx', callback: (error: Error | null, handle: Buffer) => void): void {
    const flags = Buffer.allocUnsafe(8);
    flags.writeUInt32BE(OPEN_WRITE | OPEN_CREATE | OPEN_EXCLUSIVE, 0);
    flags.writeUInt32BE(0, 4); // no attributes
    this.#request(PACKET.open, [text(path), flags], (error, reply) =>
      error ? callback(error, EMPTY) : callback(null, reply?.string() ?? EMPTY),
    );
  }

  close(handle: Buffer, callback: (error?: Error | null) => void): void {
    this.#request(PACKET.close, [text(handle)], (error) => callback(error));
  }

  rename(from: string, to: string, callback: (error?: Error | null) => void): void {
    this.#request(PACKET.rename, [text(from), text(to)], (error) => callback(error));
  }

  unlink(path: string, callback: (error?: Error | null) => void): void {
    this.#request(PACKET.remove, [text(path)], (error) => callback(error));
  }

  write(
    handle: Buffer,
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (error?: Error | null) => void,
  ): void {
    const where = Buffer.allocUnsafe(12);
    where.writeBigUInt64BE(BigInt(position), 0);
    where.writeUInt32BE(length, 8);
    const data = buffer.subarray(offset, offset + length);
    this.#request(PACKET.write, [text(handle), where, data], (error) => callback(error));
  }

  readdir(path: string, callback: (error: Error | null, entries: RemoteEntry[]) => void): void {
    this.#request(PACKET.opendir, [text(path)], (error, reply) => {
      const handle = reply?.string();
      if (error || handle === undefined) return callback(error ?? protocolError(), []);
      const entries: RemoteEntry[] = [];
      const next = (): void =>
        this.#request(PACKET.readdir, [text(handle)], (readError, names) => {
          if (readError instanceof SftpStatusError && readError.code === STATUS_EOF) {
            return this.close(handle, () => callback(null, entries));
          }
          if (readError || names === undefined) {
            return this.close(handle, () => callback(readError ?? protocolError(), []));
          }
          entries.push(...names.names());
          next();
        });
      next();
    });
  }

  /** Ends our side: the server sees the end of its input and closes. */
  end(): void {
    this.#output.end();
  }

  /** Sends one request; `reply` gets the answer's body after the id, or the failure. */
  #request(type: number, parts: readonly Buffer[], reply: Reply): void {
    if (this.#closed) {
      queueMicrotask(() => reply(new Error('the connection closed')));
      return;
    }
    const id = this.#nextId;
    this.#nextId = (this.#nextId + 1) >>> 0;
    this.#replies.set(id, reply);
    let length = 5;
    for (const part of parts) length += part.length;
    const head = Buffer.allocUnsafe(9);
    head.writeUInt32BE(length, 0);
    head[4] = type;
    head.writeUInt32BE(id, 5);
    this.#write(head);
    for (const part of parts) this.#write(part);
  }

  /** Writes a piece; everything written in one turn of the event loop leaves together. */
  #write(piece: Buffer): void {
    if (!this.#corked) {
      this.#corked = true;
      this.#output.cork();
      process.nextTick(() => {
        this.#corked = false;
        this.#output.uncork();
      });
    }
    this.#output.write(piece);
  }

  #receive(chunk: Buffer): void {
    let buffer = this.#pending === null ? chunk : Buffer.concat([this.#pending, chunk]);
    while (buffer.length >= 4) {
      const length = buffer.readUInt32BE(0);
      if (length === 0 || length > MAX_PACKET_BYTES) {
        this.#close(new Error(`the server sent an SFTP packet of ${length} bytes`));
        return;
      }
      if (buffer.length < 4 + length) break;
      const packet = buffer.subarray(4, 4 + length);
      buffer = buffer.subarray(4 + length);
      try {
        this.#answer(packet);
      } catch (error) {
        this.#close(error instanceof Error ? error : new Error(String(error)));
        return;
      }
    }
    this.#pending = buffer.length === 0 ? null : buffer;
  }

  #answer(packet: Buffer): void {
    const reader = new PacketReader(packet);
    const type = reader.byte();
    if (type === PACKET.version) {
      const version = reader.uint32();
      this.#version?.(version);
      this.#version = undefined;
      return;
    }
    const id = reader.uint32();
    const reply = this.#replies.get(id);
    if (reply === undefined) throw new Error(`the server answered request ${id}, never asked`);
    this.#replies.delete(id);
    if (type === PACKET.status) {
      const code = reader.uint32();
      if (code === STATUS_OK) return reply(null, reader);
      const message = reader.remaining() >= 4 ? reader.string().toString('utf8') : '';
      return reply(new SftpStatusError(code, message));
    }
    if (type === PACKET.handle || type === PACKET.attrs || type === PACKET.name) {
      return reply(null, reader);
    }
    reply(new Error(`the server answered with SFTP packet type ${type}`));
  }

  #close(error: Error): void {
    if (this.#closed) return;
    this.#closed = true;
    const replies = [...this.#replies.values()];
    this.#replies.clear();
    for (const reply of replies) reply(error);
    this.emit('close');
  }
}

/** Reads the fields of one packet in turn; a field past the end is a protocol error. */
class PacketReader {
  readonly #packet: Buffer;
  #at = 0;

  constructor(packet: Buffer) {
    this.#packet = packet;
  }

  remaining(): number {
    return this.#packet.length - this.#at;
  }

  byte(): number {
    this.#need(1);
    return this.#packet[this.#at++] as number;
  }

  uint32(): number {
    this.#need(4);
    const value = this.#packet.readUInt32BE(this.#at);
    this.#at += 4;
    return value;
  }

  uint64(): number {
    this.#need(8);
    const value = Number(this.#packet.readBigUInt64BE(this.#at));
    this.#at += 8;
    return value;
  }

  /** An SFTP string, copied out of the packet (the packet's buffer is reused). */
  string(): Buffer {
    const length = this.uint32();
    this.#need(length);
    const value = Buffer.from(this.#packet.subarray(this.#at, this.#at + length));
    this.#at += length;
    return value;
  }

  attrs(): RemoteStats {
    const flags = this.uint32();
    const size = flags & ATTR_SIZE ? this.uint64() : 0;
    if (flags & ATTR_UIDGID) this.#skip(8);
    const mode = flags & ATTR_PERMISSIONS ? this.uint32() : 0;
    if (flags & ATTR_ACMODTIME) this.#skip(8);
    if (flags & ATTR_EXTENDED) {
      const count = this.uint32();
      for (let i = 0; i < count * 2; i += 1) this.string();
    }
    return stats(size, mode);
  }

  names(): RemoteEntry[] {
    const count = this.uint32();
    const entries: RemoteEntry[] = [];
    for (let i = 0; i < count; i += 1) {
      const filename = this.string().toString('utf8');
      this.string(); // the long name, as `ls -l` prints it
      this.attrs();
      entries.push({ filename });
    }
    return entries;
  }

  #skip(bytes: number): void {
    this.#need(bytes);
    this.#at += bytes;
  }

  #need(bytes: number): void {
    if (this.#at + bytes > this.#packet.length) throw protocolError();
  }
}

function stats(size: number, mode: number): RemoteStats {
  return {
    size,
    isFile: () => (mode & S_IFMT) === S_IFREG,
    isDirectory: () => (mode & S_IFMT) === S_IFDIR,
  };
}

const NO_STATS = stats(0, 0);
const EMPTY = Buffer.alloc(0);

function protocolError(): Error {
  return new Error('the server sent an SFTP answer that is cut short');
}
