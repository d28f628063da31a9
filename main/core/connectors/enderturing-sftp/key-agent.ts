import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { ParsedKey } from 'ssh2';
import { sshString } from './ssh-wire.ts';

/**
 * An SSH agent holding one key, served by this process on a socket in a folder only its
 * user can enter (the caller's), so that OpenSSH's `ssh` can log in with a key kept in the
 * keychain: the key is never written to disk, and the agent lives only while `ssh` logs in.
 * It lists the one key and signs with it (for that key only, and only once `maySign` says
 * so); every other request is refused.
 */
export interface KeyAgent {
  /** The agent's socket: ssh's IdentityAgent. */
  readonly socketPath: string;
  /**
   * ssh's IdentityFile, so that it offers only this key: no file is there, only its public
   * half next to it (`identity.pub`), and ssh asks the agent for the private half.
   */
  readonly identityPath: string;
  /** Stops answering and removes the socket and the public key file. */
  close(): Promise<void>;
}

/**
 * Starts an agent for `key` (ssh2 has parsed it) in `folder`, which only this user may enter.
 * `maySign` is asked before each signature (the login's): false refuses it.
 */
export async function startKeyAgent(
  key: ParsedKey,
  folder: string,
  maySign: () => Promise<boolean>,
): Promise<KeyAgent> {
  const signingKey = createPrivateKey(key.getPrivatePEM());
  const publicBlob = key.getPublicSSH();
  const socketPath = join(folder, 'agent');
  const identityPath = join(folder, 'identity');
  const publicKeyPath = `${identityPath}.pub`;
  await writeFile(publicKeyPath, `${key.type} ${publicBlob.toString('base64')}\n`, {
    mode: 0o600,
  });
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const agentKey = { type: key.type, blob: publicBlob, signingKey };
    const answer = async (request: Buffer): Promise<Buffer> =>
      request[0] === MESSAGE.signRequest && !(await maySign().catch(() => false))
        ? Buffer.from([MESSAGE.failure])
        : agentAnswer(request, agentKey);
    // Answers leave in the order the requests came.
    let answered = Promise.resolve();
    let pending: Buffer | null = null;
    socket.on('data', (chunk: Buffer) => {
      let buffer = pending === null ? chunk : Buffer.concat([pending, chunk]);
      while (buffer.length >= 4) {
        const length = buffer.readUInt32BE(0);
        if (length === 0 || length > MAX_MESSAGE_BYTES) return socket.destroy();
        if (buffer.length < 4 + length) break;
        const request = Buffer.from(buffer.subarray(4, 4 + length));
        answered = answered.then(async () => {
          const reply = await answer(request);
          // An agent message on the wire is framed as an SSH string: its length, then it.
          if (!socket.destroyed) socket.write(sshString(reply));
        });
        buffer = buffer.subarray(4 + length);
      }
      pending = buffer.length === 0 ? null : buffer;
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await rm(publicKeyPath, { force: true });
    throw error;
  }
  return {
    socketPath,
    identityPath,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(publicKeyPath, { force: true });
    },
  };
}

/** The agent protocol's messages (draft-miller-ssh-agent) that this agent answers. */
const MESSAGE = {
  failure: 5,
  requestIdentities: 11,
  identitiesAnswer: 12,
  signRequest: 13,
  signResponse: 14,
} as const;

/** RSA signature flags: which SHA-2 to sign with. */
const RSA_SHA2_256 = 2;
const RSA_SHA2_512 = 4;

/** No request to an agent is this long; a longer one is not the agent protocol. */
const MAX_MESSAGE_BYTES = 256 * 1024;

interface AgentKey {
  readonly type: string;
  readonly blob: Buffer;
  readonly signingKey: KeyObject;
}

/** The answer to one request (its type byte and body): the key, a signature, or a refusal. */
function agentAnswer(request: Buffer, key: AgentKey): Buffer {
  const failure = Buffer.from([MESSAGE.failure]);
  try {
    if (request[0] === MESSAGE.requestIdentities) {
      const count = Buffer.alloc(4);
      count.writeUInt32BE(1, 0);
      const comment = sshString(Buffer.from('call-courier'));
      return Buffer.concat([
        Buffer.from([MESSAGE.identitiesAnswer]),
        count,
        sshString(key.blob),
        comment,
      ]);
    }
    if (request[0] !== MESSAGE.signRequest) return failure;
    const blobLength = request.readUInt32BE(1);
    const blob = request.subarray(5, 5 + blobLength);
    if (!blob.equals(key.blob)) return failure;
    const dataLength = request.readUInt32BE(5 + blobLength);
    const data = request.subarray(9 + blobLength, 9 + blobLength + dataLength);
    if (data.length !== dataLength) return failure;
    const flags = request.readUInt32BE(9 + blobLength + dataLength);
    const { format, bytes } = signature(key, data, flags);
    const signed = sshString(Buffer.concat([sshString(Buffer.from(format)), sshString(bytes)]));
    return Buffer.concat([Buffer.from([MESSAGE.signResponse]), signed]);
  } catch {
    return failure;
  }
}

/** The key types the agent signs with, and the hash each signs over. */
const ECDSA_HASHES: Readonly<Record<string, string>> = {
  'ecdsa-sha2-nistp256': 'sha256',
  'ecdsa-sha2-nistp384': 'sha384',
  'ecdsa-sha2-nistp521': 'sha512',
};

/**
 * A signature as SSH carries it: its format's name, and the bytes (raw for Ed25519 and RSA,
 * two mpints r and s for ECDSA).
 */
function signature(key: AgentKey, data: Buffer, flags: number): { format: string; bytes: Buffer } {
  const { type, signingKey } = key;
  if (type === 'ssh-ed25519') return { format: type, bytes: sign(null, data, signingKey) };
  if (type === 'ssh-rsa') {
    if (flags & RSA_SHA2_512)
      return { format: 'rsa-sha2-512', bytes: sign('sha512', data, signingKey) };
    if (flags & RSA_SHA2_256)
      return { format: 'rsa-sha2-256', bytes: sign('sha256', data, signingKey) };
    return { format: type, bytes: sign('sha1', data, signingKey) };
  }
  const hash = ECDSA_HASHES[type];
  if (hash === undefined) throw new Error(`the agent cannot sign with a ${type} key`);
  const raw = sign(hash, data, { key: signingKey, dsaEncoding: 'ieee-p1363' });
  const half = raw.length / 2;
  return {
    format: type,
    bytes: Buffer.concat([mpint(raw.subarray(0, half)), mpint(raw.subarray(half))]),
  };
}

/** An SSH mpint (RFC 4251) of an unsigned big-endian number. */
function mpint(value: Buffer): Buffer {
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start += 1;
  let bytes = value.subarray(start);
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return sshString(bytes);
}
