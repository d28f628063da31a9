/** The longest secret taken from standard input; a private key fits many times over. */
export const MAX_SECRET_BYTES = 64 * 1024;

/** Standard input, which may be a terminal. */
type MaybeTty = NodeJS.ReadableStream & {
  readonly isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
};

/**
 * Reads one secret from standard input: at a terminal after a prompt, without echo when the
 * terminal allows it; otherwise the whole stream, less one trailing newline.
 */
export async function readSecret(
  stdin: NodeJS.ReadableStream,
  prompt: (text: string) => void,
  what: string,
): Promise<string> {
  const input = stdin as MaybeTty;
  if (!input.isTTY) return withoutOneNewline(await readAll(stdin));
  if (typeof input.setRawMode === 'function') {
    prompt(`${what}: `);
    try {
      return await readHidden(input, input.setRawMode.bind(input));
    } finally {
      prompt('\n');
    }
  }
  prompt(`${what} (type the secret and press Enter): `);
  return withoutOneNewline(await readLine(stdin));
}

/** The text with one trailing `\n` or `\r\n` removed, and nothing else. */
function withoutOneNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

async function readAll(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    bytes += buffer.length;
    if (bytes > MAX_SECRET_BYTES) {
      throw new Error(`standard input is longer than ${MAX_SECRET_BYTES / 1024} KiB`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads up to the end of the first line, then stops reading. */
function readLine(stdin: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const finish = () => {
      stdin.removeListener('data', onData);
      stdin.removeListener('end', finish);
      stdin.pause();
      resolve(text);
    };
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      const end = text.indexOf('\n');
      if (end >= 0) {
        text = text.slice(0, end + 1);
        finish();
      }
    };
    stdin.on('data', onData);
    stdin.once('end', finish);
    stdin.resume();
  });
}

/** Reads a line from a terminal in raw mode, so nothing is echoed; Backspace edits, Ctrl-C cancels. */
function readHidden(stdin: MaybeTty, setRawMode: (mode: boolean) => unknown): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.removeListener('data', onData);
      stdin.removeListener('end', onEnd);
      setRawMode(false);
      stdin.pause();
      if (error) reject(error);
      else resolve(value);
    };
    const onEnd = () => finish();
    const onData = (chunk: Buffer | string) => {
      const text = chunk.toString();
      if (text.startsWith('\u001b')) return; // arrow and function keys
      for (const char of text) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else if (char >= ' ') value += char;
      }
    };
    setRawMode(true);
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    stdin.resume();
  });
}
