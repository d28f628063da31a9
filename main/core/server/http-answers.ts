import type { ServerResponse } from 'node:http';

/** A request refused with a status and plain words; `headers` go with the answer (Allow, WWW-Authenticate). */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, message: string, headers: Readonly<Record<string, string>> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

/** What a route answers: JSON (or nothing, for 204), text with its own content type, or a file to download. */
export type Answer =
  | { readonly status: number; readonly json?: unknown }
  | { readonly status: number; readonly text: string; readonly contentType: string }
  | {
      readonly status: number;
      readonly bytes: Buffer;
      readonly contentType: string;
      /** Saved under this name by a browser (Content-Disposition: attachment). */
      readonly fileName: string;
    };

/** Headers on every API answer: never cached, never sniffed, never framed, no referrer. */
export const API_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
};

/** Writes an answer with the API headers. */
export function sendAnswer(
  res: ServerResponse,
  answer: Answer,
  headers: Readonly<Record<string, string>> = {},
): void {
  if ('bytes' in answer) {
    res.writeHead(answer.status, {
      ...API_HEADERS,
      ...headers,
      'Content-Type': answer.contentType,
      'Content-Length': String(answer.bytes.length),
      'Content-Disposition': `attachment; filename="${answer.fileName.replace(/[^\w.-]/g, '_')}"`,
    });
    res.end(answer.bytes);
    return;
  }
  if ('text' in answer) {
    const body = Buffer.from(answer.text, 'utf8');
    res.writeHead(answer.status, {
      ...API_HEADERS,
      ...headers,
      'Content-Type': answer.contentType,
      'Content-Length': String(body.length),
    });
    res.end(body);
    return;
  }
  if (answer.json === undefined) {
    res.writeHead(answer.status, { ...API_HEADERS, ...headers });
    res.end();
    return;
  }
  const body = Buffer.from(JSON.stringify(answer.json), 'utf8');
  res.writeHead(answer.status, {
    ...API_HEADERS,
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(body.length),
  });
  res.end(body);
}

/** Answers `{ "error": "…" }` with the error's status and headers. */
export function sendError(res: ServerResponse, error: HttpError): void {
  sendAnswer(res, { status: error.status, json: { error: error.message } }, error.headers);
}
