// HTTP spoken byte by byte over a socket, so an attack reaches the server exactly as written:
// no client normalises the path, adds a Host header or finishes a body it was told to hold back.
import { connect, type Socket } from 'node:net';

/** An answer as it came over the wire. */
export interface RawAnswer {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Parses the status line, headers and body of a raw answer (the body as sent, chunked or not). */
export function parseAnswer(raw: Buffer): RawAnswer & { readonly bodyBytes: number } {
  const end = raw.indexOf('\r\n\r\n');
  const head = (end === -1 ? raw : raw.subarray(0, end)).toString('latin1');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = end === -1 ? Buffer.alloc(0) : raw.subarray(end + 4);
  return {
    status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0),
    headers,
    body: body.toString('utf8'),
    bodyBytes: body.length,
  };
}

/** Sends `request` as given (it must say `Connection: close`) and reads until the server closes. */
export function sendRaw(port: number, request: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A server that answers then closes before reading everything resets the connection.
      if (chunks.length > 0 && error.code === 'ECONNRESET') return;
      reject(error);
    });
    socket.on('close', () => resolve(parseAnswer(Buffer.concat(chunks))));
    // Not end(): a half-closed socket may be dropped before the answer is written.
    socket.write(request);
  });
}

/**
 * Writes `head` and the first part of a body, then waits for the answer without sending the
 * rest: an answer proves the server judged the request without buffering the whole body.
 */
export function answerBeforeBodyEnds(
  port: number,
  head: string,
  firstPart: Buffer,
): Promise<{ readonly answer: RawAnswer; readonly socket: Socket }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const answer = parseAnswer(received);
      const length = Number(answer.headers['content-length'] ?? -1);
      if (answer.status !== 0 && length >= 0 && answer.bodyBytes >= length) {
        resolve({ answer, socket });
      }
    });
    socket.write(head);
    socket.write(firstPart);
  });
}
