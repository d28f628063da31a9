import type { Dispatcher } from 'undici';
import { undici } from '../connectors/http/undici-module.ts';

/** What one GET to a workstation brought back: its status code and body text, or why it failed. */
export type WorkstationAnswer =
  | { readonly ok: true; readonly status: number; readonly text: string }
  | { readonly ok: false; readonly problem: string };

/** A workstation answer larger than this is not a status: it is cut off. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/**
 * GETs one path of a workstation with its monitor token (server-side: the browser window could
 * not, since the API has no CORS), giving up when `signal` aborts. Failures come back as plain
 * words ("unreachable: connection refused"), never thrown.
 */
export async function askWorkstation(
  address: URL,
  path: string,
  token: string,
  options: { readonly signal: AbortSignal; readonly dispatcher?: Dispatcher },
): Promise<WorkstationAnswer> {
  try {
    const { request } = await undici();
    const answer = await request(new URL(path, address), {
      method: 'GET',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json, text/plain' },
      signal: options.signal,
      ...(options.dispatcher && { dispatcher: options.dispatcher }),
    });
    let size = 0;
    const parts: Buffer[] = [];
    for await (const part of answer.body as AsyncIterable<Buffer>) {
      size += part.length;
      if (size > MAX_ANSWER_BYTES) {
        answer.body.destroy();
        return { ok: false, problem: 'unreachable: it answered far more than a status' };
      }
      parts.push(part);
    }
    return { ok: true, status: answer.statusCode, text: Buffer.concat(parts).toString('utf8') };
  } catch (error) {
    return { ok: false, problem: unreachableWords(error, address, options.signal) };
  }
}

/** Why a workstation could not be reached, in words a supervisor can act on. */
export function unreachableWords(error: unknown, address: URL, signal: AbortSignal): string {
  if (signal.aborted) return 'unreachable: no answer in time (is it on, and on the network?)';
  const code = errorCode(error);
  const host = address.hostname;
  switch (code) {
    case 'ECONNREFUSED':
      return `unreachable: connection refused (Call Courier is not running at ${address.host}, or listens only on 127.0.0.1 there)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `unreachable: no computer named ${host} was found`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `unreachable: ${host} cannot be reached from this computer`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return 'unreachable: the connection was cut (if it serves https, use an https:// address)';
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'ETIMEDOUT':
      return 'unreachable: no answer in time (is it on, and on the network?)';
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return 'unreachable: it does not speak https at this address (try http://)';
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return "unreachable: its certificate is not signed by an authority this computer trusts (give the workstation your company's CA certificate file)";
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `unreachable: its certificate is not made out to ${host} (use the name on its certificate)`;
    case 'CERT_HAS_EXPIRED':
      return 'unreachable: its certificate has expired';
  }
  const message = error instanceof Error ? error.message : String(error);
  return `unreachable: ${message}`;
}

/** The error's code, or its cause's (undici wraps connection errors). */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return (error as { code?: string } | null)?.code;
}
