import type {
  ConnectionTest,
  ConnectorContext,
  ConnectorSession,
  ProgressListener,
  UploadJob,
  UploadReceipt,
} from '../connector.ts';
import { connectionTestFrom } from '../connection-test.ts';
import { ConfigurationError } from '../errors.ts';
import {
  profileHttpClient,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
} from '../http/http-client.ts';
import { TokenCache, type IssuedToken } from '../http/token-cache.ts';
import { requiredSecret } from '../required-secret.ts';
import { uploadStreaming } from '../upload-streaming.ts';
import { uploadReceipt } from './answer.ts';
import { fetchAccessToken, tokenRequest, type OAuth2Settings } from './oauth2.ts';
import { API_KEY } from './placeholders.ts';
import { uploadRequest } from './request.ts';
import { readUploadSettings, type UploadSettings } from './upload-settings.ts';

/** How messages name a server: "the HTTP API at api.example.com". */
function apiLabel(origin: string): string {
  try {
    return `the HTTP API at ${new URL(origin).host}`;
  } catch {
    return 'the HTTP API';
  }
}

/** One profile of the generic HTTP connector, ready to deliver. */
export class HttpUploadClient implements ConnectorSession {
  readonly #context: ConnectorContext;
  readonly #tokens = new TokenCache(() => this.#login());
  #settings: UploadSettings | undefined;
  #http: HttpClient | undefined;
  #tokenHttp: HttpClient | undefined;

  constructor(context: ConnectorContext) {
    this.#context = context;
  }

  /** Checks the settings and secrets, gets a token when the profile uses OAuth 2, and reaches the server. */
  testConnection(signal: AbortSignal): Promise<ConnectionTest> {
    return connectionTestFrom(async () => {
      const settings = this.#read();
      const http = this.#client();
      const { auth } = settings;
      await this.#secrets(settings);
      let said = '';
      if (auth.mode === 'oauth2-client-credentials') {
        this.#tokens.invalidate();
        await this.#tokens.get(signal);
        said = `Got an access token for ${auth.clientId} from ${this.#tokenClient(auth).baseUrl.host}. `;
      }
      // Any answer at all shows the server is there; only an upload shows what it accepts.
      await http.request({ method: 'GET', path: '', signal, subject: 'a test request' });
      const credentials =
        auth.mode === 'oauth2-client-credentials' ? '' : credentialsNote(auth.mode);
      return { ok: true, message: `${said}${http.baseUrl.host} answers.${credentials}` };
    });
  }

  /** Sends the recording as the profile describes, and reads the platform's id from the answer. */
  async upload(
    job: UploadJob,
    signal: AbortSignal,
    onProgress: ProgressListener,
  ): Promise<UploadReceipt> {
    const settings = this.#read();
    const http = this.#client();
    const { headers, apiKey } = await this.#secrets(settings);
    const request = uploadRequest(
      settings,
      { job, ...(apiKey ? { apiKey } : {}) },
      signal,
      uploadStreaming(this.#context, onProgress),
    );
    const signed = { ...request, headers: { ...request.headers, ...headers } };
    const response = await this.#send(http, signed, settings);
    const words = {
      label: apiLabel(settings.url.origin),
      subject: `the recording ${job.fileName}`,
    };
    return uploadReceipt(response, settings, words, http.url(request));
  }

  /** Releases the connections. */
  async close(): Promise<void> {
    await Promise.all([this.#http?.close(), this.#tokenHttp?.close()]);
  }

  /** Sends a request; with OAuth 2, with the bearer token, renewed once when a cached one is refused. */
  #send(http: HttpClient, request: HttpRequest, settings: UploadSettings): Promise<HttpResponse> {
    return settings.auth.mode === 'oauth2-client-credentials'
      ? http.requestWithToken(request, this.#tokens)
      : http.request(request);
  }

  /** The Authorization header of basic and bearer auth, and the API key when a template uses it. */
  async #secrets(
    settings: UploadSettings,
  ): Promise<{ readonly headers: Record<string, string>; readonly apiKey?: string }> {
    const { auth } = settings;
    const apiKey = settings.usesApiKey ? await this.#secret(API_KEY) : undefined;
    const keyed = apiKey === undefined ? {} : { apiKey };
    if (auth.mode === 'basic') {
      const pair = `${auth.username}:${await this.#secret('password')}`;
      const basic = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
      return { headers: { authorization: basic }, ...keyed };
    }
    if (auth.mode === 'bearer') {
      return { headers: { authorization: `Bearer ${await this.#secret('token')}` }, ...keyed };
    }
    if (auth.mode === 'oauth2-client-credentials') await this.#secret('clientSecret');
    return { headers: {}, ...keyed };
  }

  /** A secret, read afresh each time so that one stored while running is used at once. */
  #secret(field: string): Promise<string> {
    return requiredSecret(this.#context, field);
  }

  async #login(): Promise<IssuedToken> {
    const { auth } = this.#read();
    if (auth.mode !== 'oauth2-client-credentials') {
      throw new ConfigurationError('this profile does not sign in with OAuth 2');
    }
    const http = this.#tokenClient(auth);
    const tokenUrl = new URL(auth.tokenUrl);
    const request = tokenRequest(
      auth,
      await this.#secret('clientSecret'),
      `${tokenUrl.pathname}${tokenUrl.search}`,
    );
    return fetchAccessToken(http, auth, request, `the token server at ${http.baseUrl.host}`);
  }

  /** The profile's settings, read once; a ConfigurationError names every problem. */
  #read(): UploadSettings {
    if (this.#settings) return this.#settings;
    const { profile } = this.#context;
    const { settings, problems } = readUploadSettings(profile.options, profile.id);
    if (!settings) {
      const list = problems.map((p) => `${p.path.join('.')} ${p.message}`);
      throw new ConfigurationError(
        `the options of profile ${profile.id} are not complete or not valid${list.length ? `: ${list.join('; ')}` : ': url, method, fileField and auth are needed'}`,
      );
    }
    this.#settings = settings;
    return settings;
  }

  #client(): HttpClient {
    const { origin } = this.#read().url;
    this.#http ??= profileHttpClient(this.#context.profile, apiLabel(origin), origin);
    return this.#http;
  }

  #tokenClient(auth: OAuth2Settings): HttpClient {
    let origin = auth.tokenUrl;
    let host = auth.tokenUrl;
    try {
      ({ origin, host } = new URL(auth.tokenUrl));
    } catch {
      // HttpClient names the address that is not one.
    }
    this.#tokenHttp ??= profileHttpClient(
      this.#context.profile,
      `the token server at ${host}`,
      origin,
    );
    return this.#tokenHttp;
  }
}

function credentialsNote(mode: 'none' | 'basic' | 'bearer'): string {
  return mode === 'none' ? '' : ' Whether it accepts the credentials shows with the first upload.';
}
