import type { ServerResponse } from 'node:http';
import { sendJson } from '../shared/http.ts';

/**
 * What the emulator answers. Authenticx documents no error format; the emulator answers
 * as an ASP.NET Core API does: a plain-text message for the application's own refusals,
 * a validation problem (`application/problem+json` with `errors`) for a malformed
 * request, an empty 401 with `WWW-Authenticate: Bearer` for a bad token, and OAuth's
 * `{ error }` from the token endpoint.
 */
export type Answer =
  | {
      readonly status: number;
      readonly json?: unknown;
      readonly text?: string;
      readonly contentType?: string;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | { readonly drop: true };

/** An answer that is sent (not a dropped connection). */
export type Reply = Exclude<Answer, { drop: true }>;

/** A plain-text refusal, as `BadRequest("…")` answers. */
export function message(status: number, text: string): Reply {
  return { status, text };
}

/** ASP.NET Core's answer to a request that fails model validation: field → messages. */
export function validationProblem(errors: Readonly<Record<string, readonly string[]>>): Reply {
  return {
    status: 400,
    contentType: 'application/problem+json',
    json: {
      type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
      title: 'One or more validation errors occurred.',
      status: 400,
      errors,
    },
  };
}

/** Writes an answer. */
export function send(res: ServerResponse, answer: Reply): void {
  const headers = answer.headers ?? {};
  if (answer.json !== undefined) {
    sendJson(res, answer.status, answer.json, {
      ...(answer.contentType ? { 'content-type': answer.contentType } : {}),
      ...headers,
    });
    return;
  }
  const text = answer.text ?? '';
  res.writeHead(answer.status, {
    ...(text === '' ? {} : { 'content-type': 'text/plain; charset=utf-8' }),
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
