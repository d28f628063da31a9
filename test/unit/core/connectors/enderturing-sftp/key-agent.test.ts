import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ssh2, { type ParsedKey } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { startKeyAgent } from '../../../../../main/core/connectors/enderturing-sftp/key-agent.ts';
import { hasCommand } from '../../../../fixtures/system.ts';
import { tempDirForSuite } from '../../../../fixtures/temp-dir.ts';

const run = promisify(execFile);

/** A fresh key of `type` made by ssh-keygen, parsed as the connector parses a stored key. */
async function newKey(dir: string, type: string, bits?: number, name = 'key'): Promise<ParsedKey> {
  const path = join(dir, `${name}-${type}`);
  await run('ssh-keygen', [
    '-q',
    '-t',
    type,
    ...(bits ? ['-b', String(bits)] : []),
    '-N',
    '',
    '-f',
    path,
  ]);
  const parsed = ssh2.utils.parseKey(await readFile(path, 'utf8'));
  if (parsed instanceof Error) throw parsed;
  return parsed;
}

/** Whether OpenSSH's ssh-keygen gets `file` signed by the agent with the key whose public half is `identity`.pub. */
async function signThroughAgent(socket: string, identity: string, file: string): Promise<boolean> {
  const env = { ...process.env, SSH_AUTH_SOCK: socket };
  const args = ['-Y', 'sign', '-n', 'file', '-f', `${identity}.pub`, file];
  const signing = run('ssh-keygen', args, { env, timeout: 10_000 });
  // Refused by the agent, ssh-keygen asks for a passphrase on its input: there is none.
  signing.child.stdin?.end();
  return signing.then(
    () => true,
    () => false,
  );
}

describe.skipIf(!hasCommand('ssh-keygen'))('the key agent OpenSSH logs in through', () => {
  it.each([
    ['ed25519', undefined],
    ['rsa', 2048],
    ['ecdsa', 256],
    ['ecdsa', 384],
    ['ecdsa', 521],
  ])('signs with a %s key (%s bits) so that OpenSSH accepts the signature', async (type, bits) => {
    const dir = await tempDirForSuite('call-courier-agent-test-');
    const key = await newKey(dir, type, bits);
    const agent = await startKeyAgent(key, dir, async () => true);
    try {
      const data = join(dir, 'data');
      await writeFile(data, 'the login a server asks to be signed');
      // check-novalidate reads the data from standard input: feed it through a shell.
      const env = { ...process.env, SSH_AUTH_SOCK: agent.socketPath };
      await run(
        'ssh-keygen',
        ['-Y', 'sign', '-n', 'file', '-f', `${agent.identityPath}.pub`, data],
        {
          env,
        },
      );
      const { stdout } = await run('sh', [
        '-c',
        `ssh-keygen -Y check-novalidate -n file -s "$1.sig" < "$1"`,
        'sh',
        data,
      ]);
      expect(stdout).toMatch(/Good "file" signature/);
    } finally {
      await agent.close();
    }
  });

  it('refuses to sign while the server has not been accepted, and for any other key', async () => {
    const dir = await tempDirForSuite('call-courier-agent-test-');
    const key = await newKey(dir, 'ed25519');
    const other = await newKey(dir, 'ed25519', undefined, 'other');
    const data = join(dir, 'data');
    await writeFile(data, 'a login');

    const refusing = await startKeyAgent(key, dir, async () => false);
    try {
      expect(await signThroughAgent(refusing.socketPath, refusing.identityPath, data)).toBe(false);
    } finally {
      await refusing.close();
    }

    const agent = await startKeyAgent(key, dir, async () => true);
    try {
      const stranger = join(dir, 'stranger');
      await writeFile(
        `${stranger}.pub`,
        `ssh-ed25519 ${other.getPublicSSH().toString('base64')}\n`,
      );
      expect(await signThroughAgent(agent.socketPath, stranger, data)).toBe(false);
      expect(await signThroughAgent(agent.socketPath, agent.identityPath, data)).toBe(true);
    } finally {
      await agent.close();
    }
  });

  it('writes only the public half of the key, and removes it when closed', async () => {
    const dir = await tempDirForSuite('call-courier-agent-test-');
    const key = await newKey(dir, 'ed25519');
    const agent = await startKeyAgent(key, dir, async () => true);
    const written = await readFile(`${agent.identityPath}.pub`, 'utf8');
    expect(written).toBe(`ssh-ed25519 ${key.getPublicSSH().toString('base64')}\n`);
    await agent.close();
    await expect(readFile(`${agent.identityPath}.pub`)).rejects.toThrow(/ENOENT/);
  });
});
