import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  SftpClient,
  SftpStatusError,
} from '../../../../../main/core/connectors/enderturing-sftp/sftp-client.ts';

/** A client whose server is played by the test: what it sends is in `sent`, `answer` replies. */
function playedServer() {
  const fromServer = new PassThrough();
  const toServer = new PassThrough();
  const sent: Buffer[] = [];
  toServer.on('data', (chunk: Buffer) => sent.push(chunk));
  const client = new SftpClient(fromServer, toServer);
  const packet = (type: number, body: Buffer): Buffer => {
    const head = Buffer.alloc(5);
    head.writeUInt32BE(body.length + 1, 0);
    head[4] = type;
    return Buffer.concat([head, body]);
  };
  const uint32 = (n: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n, 0);
    return b;
  };
  const text = (s: string): Buffer => Buffer.concat([uint32(Buffer.byteLength(s)), Buffer.from(s)]);
  return { client, fromServer, sent: () => Buffer.concat(sent), packet, uint32, text };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('the SFTP client spoken through OpenSSH', () => {
  it('says hello as version 3 and learns the server’s version', async () => {
    const { client, fromServer, sent, packet, uint32 } = playedServer();
    const version = client.start();
    await tick();
    expect(sent()).toEqual(Buffer.from([0, 0, 0, 5, 1, 0, 0, 0, 3]));
    fromServer.write(packet(2, uint32(3)));
    expect(await version).toBe(3);
  });

  it('a refused request fails with the server’s status code and message, whole packets split anyhow', async () => {
    const { client, fromServer, packet, uint32, text } = playedServer();
    const renamed = new Promise<Error | null | undefined>((resolve) =>
      client.rename('/a', '/b', resolve),
    );
    // STATUS for request 1: code 3 (permission denied), a message and a language tag,
    // delivered a byte or two at a time.
    const answer = packet(
      101,
      Buffer.concat([uint32(1), uint32(3), text('Permission denied'), text('')]),
    );
    for (let at = 0; at < answer.length; at += 2) fromServer.write(answer.subarray(at, at + 2));
    const error = await renamed;
    expect(error).toBeInstanceOf(SftpStatusError);
    expect((error as SftpStatusError).code).toBe(3);
    expect(error?.message).toBe('Permission denied');
  });

  it('an answer that is not SFTP closes the channel and fails what waits, in plain words', async () => {
    const { client, fromServer, uint32 } = playedServer();
    const closed = new Promise<void>((resolve) => client.once('close', resolve));
    const stat = new Promise<Error | null>((resolve) => client.stat('/x', (e) => resolve(e)));
    // A length of 1 GiB: whatever this is, it is not an answer.
    fromServer.write(Buffer.concat([uint32(1 << 30), Buffer.from('garbage')]));
    await closed;
    expect(client.closed).toBe(true);
    expect((await stat)?.message).toMatch(/SFTP packet of 1073741824 bytes/);
    // Later requests fail at once instead of waiting for ever.
    const late = await new Promise<Error | null | undefined>((resolve) =>
      client.unlink('/y', resolve),
    );
    expect(late?.message).toMatch(/connection closed/);
  });

  it('a channel whose server goes away fails every request in flight', async () => {
    const { client, fromServer } = playedServer();
    const writes = [0, 1, 2].map(
      (i) =>
        new Promise<Error | null | undefined>((resolve) =>
          client.write(Buffer.from('h'), Buffer.alloc(10), 0, 10, i * 10, resolve),
        ),
    );
    fromServer.end();
    for (const error of await Promise.all(writes))
      expect(error?.message).toMatch(/connection closed/);
  });

  it('reads a file’s size and kind from its attributes', async () => {
    const { client, fromServer, packet, uint32 } = playedServer();
    const stats = new Promise<{ size: number; file: boolean; dir: boolean }>((resolve, reject) =>
      client.stat('/r.wav', (error, s) =>
        error ? reject(error) : resolve({ size: s.size, file: s.isFile(), dir: s.isDirectory() }),
      ),
    );
    const size = Buffer.alloc(8);
    size.writeBigUInt64BE(5_000_000_000n, 0);
    // ATTRS for request 1: size and permissions (a regular file, 0644).
    fromServer.write(
      packet(105, Buffer.concat([uint32(1), uint32(0x1 | 0x4), size, uint32(0o100644)])),
    );
    expect(await stats).toEqual({ size: 5_000_000_000, file: true, dir: false });
  });
});
