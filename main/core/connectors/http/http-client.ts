import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { Profile } from '../../settings/schema.ts';
import { CA_CERTIFICATE_OPTION, TIMEOUT_OPTION } from '../common-options.ts';
import { TransientError } from '../errors.ts';
import { readCaCertificate } from './ca-certificate.ts';
import {
  networkFailure,
  statusFailure,
  type AnsweredRequest,
  type FailureWords,
} from './classify.ts';
import { createDispatcher, idleTimeouts, type DispatcherOptions } from './dispatcher.ts';
import { undici } from './undici-module.ts';
import type { MultipartBody } from './multipart.ts';
import type { CachedToken, TokenCache } from './token-cache.ts';
import { checkBaseUrl, joinUrl } from './url-policy.ts';

/** HTTP methods the connectors use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A request body, described so that it can be built again when a request is repeated after a new login. */
export type RequestBody =
  | { readonly kind: 'form'; readonly fields: Readonly<Record<string, string>> }
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'multipart'; readonly build: () => Promise<MultipartBody> };

/** One request to the platform. */
export interface HttpRequest {
  readonly method: HttpMethod;
  /** Path below the profile's server address, e.g. "api/v1/sessions". */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: RequestBody;
  readonly signal?: AbortSignal;
  /** What the request is about, for messages: "the recording". */
  readonly subject?: string;
}

/** The platform's answer, whatever its status. */
export type HttpResponse = AnsweredRequest;

/** One profile's connection to its platform. */
export interface HttpClientOptions extends DispatcherOptions {
  /** The platform, for messages: "Ender Turing". */
  readonly label: string;
  readonly profileId: string;
  readonly baseUrl: string;
  readonly allowInsecureHttp: boolean;
  /** A PEM file of extra CA certificates to trust, read before the first request. */
  readonly caCertificateFile?: string;
}

/** Answers above this size are cut: connectors only read small JSON documents. */
const MAX_ANSWER_CHARS = 1024 * 1024;

const USER_AGENT = 'call-courier';

/** Statuses with which a platform refuses a bearer token. */
const TOKEN_REFUSED: readonly number[] = [401, 403];

/**
 * Talks to one profile's platform over one connection pool: streamed bodies, typed
 * errors, bearer tokens renewed once on refusal. Never retries on its own otherwise:
 * the durable queue does.
 */
export class HttpClient {
  /** The profile's server address, checked. */
  readonly baseUrl: URL;
  readonly #label: string;
  readonly #options: HttpClientOptions;
  #dispatcher: Promise<Dispatcher> | undefined;

  /** Throws ConfigurationError when the server address is not allowed. */
  constructor(options: HttpClientOptions) {
    this.baseUrl = checkBaseUrl(options.baseUrl, options.allowInsecureHttp, options.profileId);
    this.#label = options.label;
    this.#options = options;
  }

  /** Sends a request and answers whatever status comes back; no answer at all becomes a typed error. */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const words = this.#words(req);
    const dispatcher = await this.#pool();
    let multipart: MultipartBody | undefined;
    try {
      const headers: Record<string, string> = {
        'user-agent': USER_AGENT,
        accept: 'application/json',
        ...req.headers,
      };
      let body: string | MultipartBody['pieces'] | undefined;
      if (req.body?.kind === 'form') {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams(req.body.fields).toString();
      } else if (req.body?.kind === 'json') {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(req.body.value);
      } else if (req.body?.kind === 'multipart') {
        multipart = await req.body.build();
        headers['content-type'] = multipart.contentType;
        headers['content-length'] = String(multipart.contentLength);
        body = multipart.pieces;
      }
      const { request } = await undici();
      const answer = await request(this.url(req), {
        dispatcher,
        method: req.method,
        headers,
        // undici sends an async iterable as it is (its request() types leave it out).
        body: body as string | Readable | undefined,
        signal: req.signal,
      });
      const text = await readText(answer.body);
      const bodySent = multipart?.fullySent() ?? false;
      if (!bodySent) multipart?.stop();
      // The server took the whole body and answered: its buffers are free for the next upload.
      else if (answer.statusCode >= 200 && answer.statusCode < 300) multipart?.recycle();
      return { status: answer.statusCode, headers: answer.headers, text, bodySent };
    } catch (error) {
      const bodySent = multipart?.fullySent() ?? false;
      multipart?.stop();
      throw networkFailure(error, {
        ...words,
        bodySent,
        signal: req.signal,
        host: this.baseUrl.hostname,
        streamed: multipart !== undefined,
      });
    }
  }

  /**
   * Sends a request with the bearer token from `tokens` and answers whatever status comes
   * back. A cached token refused with one of `renewOn` is renewed and the request sent once more.
   */
  async requestWithToken(
    req: HttpRequest,
    tokens: TokenCache,
    renewOn: readonly number[] = TOKEN_REFUSED,
  ): Promise<HttpResponse> {
    for (let attempt = 1; ; attempt += 1) {
      const { token, fresh } = await bearerToken(tokens, req.signal, this.#words(req));
      const response = await this.request({
        ...req,
        headers: { ...req.headers, authorization: `Bearer ${token}` },
      });
      if (renewOn.includes(response.status) && !fresh && attempt === 1) {
        tokens.invalidate(token);
        continue;
      }
      return response;
    }
  }

  /**
   * Sends a request and answers only a success (2xx); anything else becomes a typed error.
   * With `tokens`, sends the bearer token as `requestWithToken` does.
   */
  async send(req: HttpRequest, tokens?: TokenCache): Promise<HttpResponse> {
    const response =
      tokens === undefined ? await this.request(req) : await this.requestWithToken(req, tokens);
    if (response.status >= 200 && response.status < 300) return response;
    throw statusFailure(response, this.#words(req));
  }

  /** The absolute URL of a request. */
  url(req: Pick<HttpRequest, 'path' | 'query'>): URL {
    const url = joinUrl(this.baseUrl, req.path);
    for (const [name, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url;
  }

  /** Parses a successful answer as JSON; an answer that is not JSON is a transient failure. */
  json(response: HttpResponse, req: Pick<HttpRequest, 'subject'> = {}): unknown {
    try {
      return JSON.parse(response.text);
    } catch (error) {
      throw new TransientError(
        `${this.#label} answered about ${this.#words(req).subject} with something that is not JSON`,
        { uncertain: response.bodySent, cause: error },
      );
    }
  }

  /** Closes the connections. */
  async close(): Promise<void> {
    const dispatcher = await this.#dispatcher?.catch(() => undefined);
    await dispatcher?.close();
  }

  /** The connection pool, built on first use (reading the profile's CA file, if it has one). */
  #pool(): Promise<Dispatcher> {
    this.#dispatcher ??= this.#createPool();
    return this.#dispatcher;
  }

  async #createPool(): Promise<Dispatcher> {
    const { caCertificateFile, profileId } = this.#options;
    try {
      const extra =
        caCertificateFile === undefined
          ? {}
          : { extraCaCertificates: await readCaCertificate(caCertificateFile, profileId) };
      return createDispatcher(this.baseUrl, { ...this.#options, ...extra });
    } catch (error) {
      this.#dispatcher = undefined; // the file may be fixed before the next attempt
      throw error;
    }
  }

  #words(req: Pick<HttpRequest, 'subject'>): FailureWords {
    return { label: this.#label, subject: req.subject ?? 'the request' };
  }
}

/**
 * A client for a profile's platform at `baseUrl` (by default, the profile's `baseUrl` option),
 * with the profile's extra CA certificate and idle timeout.
 */
export function profileHttpClient(
  profile: Pick<Profile, 'id' | 'allowInsecureHttp' | 'options'>,
  label: string,
  baseUrl: string = String(profile.options.baseUrl ?? ''),
): HttpClient {
  const caFile = profile.options[CA_CERTIFICATE_OPTION];
  const timeoutSeconds = profile.options[TIMEOUT_OPTION];
  return new HttpClient({
    label,
    profileId: profile.id,
    baseUrl,
    allowInsecureHttp: profile.allowInsecureHttp,
    ...(typeof caFile === 'string' && caFile.trim() !== '' ? { caCertificateFile: caFile } : {}),
    ...(typeof timeoutSeconds === 'number' ? { timeouts: idleTimeouts(timeoutSeconds) } : {}),
  });
}

/** A token for a request; a request cancelled while waiting for one fails as cancelled. */
export async function bearerToken(
  tokens: TokenCache,
  signal: AbortSignal | undefined,
  words: FailureWords,
): Promise<CachedToken> {
  try {
    return await tokens.get(signal);
  } catch (error) {
    if (signal?.aborted) throw networkFailure(error, { ...words, bodySent: false, signal });
    throw error;
  }
}

/** The answer's body as text, cut at MAX_ANSWER_CHARS (the rest is read and dropped). */
async function readText(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size < MAX_ANSWER_CHARS) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, MAX_ANSWER_CHARS);
}
