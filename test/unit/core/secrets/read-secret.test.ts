import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MAX_SECRET_BYTES, readSecret } from '../../../../main/core/secrets/read-secret.ts';

/** A terminal stand-in: a stream that says it is a TTY and records raw-mode switches. */
function fakeTerminal(withRawMode = true) {
  const stream = new PassThrough() as PassThrough & {
    isTTY: boolean;
    setRawMode?: (mode: boolean) => void;
  };
  const rawModes: boolean[] = [];
  stream.isTTY = true;
  if (withRawMode) stream.setRawMode = (mode) => void rawModes.push(mode);
  return { stream, rawModes };
}

function recorder() {
  const written: string[] = [];
  return { written, prompt: (text: string) => void written.push(text) };
}

describe('reading a secret from standard input', () => {
  it('takes piped input as it is, less one trailing newline', async () => {
    const { prompt, written } = recorder();
    expect(await readSecret(Readable.from(['s3cret\n']), prompt, 'Secret for et/password')).toBe(
      's3cret',
    );
    expect(await readSecret(Readable.from(['a\r\n']), prompt, 'x')).toBe('a');
    expect(await readSecret(Readable.from(['  spaced  \n\n']), prompt, 'x')).toBe('  spaced  \n');
    const key = '-----BEGIN KEY-----\nAAAA\n-----END KEY-----\n';
    expect(await readSecret(Readable.from([key]), prompt, 'x')).toBe(key.slice(0, -1));
    expect(written).toEqual([]);
  });

  it('refuses input too long to be a secret', async () => {
    const big = Readable.from([Buffer.alloc(MAX_SECRET_BYTES + 1, 97)]);
    await expect(readSecret(big, () => {}, 'x')).rejects.toThrow(/longer than 64 KiB/);
  });

  it('asks at a terminal and does not echo what is typed', async () => {
    const { stream, rawModes } = fakeTerminal();
    const { prompt, written } = recorder();
    const secret = readSecret(stream, prompt, 'Secret for et/password');
    stream.write('hunter');
    stream.write('2x\u007f');
    stream.write('\r');
    expect(await secret).toBe('hunter2');
    expect(written).toEqual(['Secret for et/password: ', '\n']);
    expect(rawModes).toEqual([true, false]);
  });

  it('stops at Ctrl-C at a terminal', async () => {
    const { stream, rawModes } = fakeTerminal();
    const secret = readSecret(stream, () => {}, 'x');
    stream.write('abc\u0003');
    await expect(secret).rejects.toThrow('cancelled');
    expect(rawModes).toEqual([true, false]);
  });

  it('says to type and press Enter at a terminal that cannot hide input', async () => {
    const { stream } = fakeTerminal(false);
    const { prompt, written } = recorder();
    const secret = readSecret(stream, prompt, 'Secret for et/password');
    stream.write('typed\n');
    expect(await secret).toBe('typed');
    expect(written).toEqual(['Secret for et/password (type the secret and press Enter): ']);
  });
});
