import type { OptionProblem } from '../declaration.ts';
import type { ClientAuthentication } from '../http/client-credentials.ts';
import { readHeaders, type HeaderTemplate } from './header-rules.ts';
import { ID_PATH_EXAMPLES, readIdPath, type IdPathStep } from './id-path.ts';
import { placeholdersOf, readValueTemplate, type ValueTemplate } from './value-template.ts';
import { readUrlTemplate, type UrlTemplate } from './url-template.ts';

/** The ways the connector can prove who it is. */
export const AUTH_MODES = ['none', 'basic', 'bearer', 'oauth2-client-credentials'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** Methods an upload can be sent with. */
export const UPLOAD_METHODS = ['POST', 'PUT', 'PATCH'] as const;
export type UploadMethod = (typeof UPLOAD_METHODS)[number];

/** The credentials a profile uses, with the options they need. */
export type AuthSettings =
  | { readonly mode: 'none' }
  | { readonly mode: 'basic'; readonly username: string }
  | { readonly mode: 'bearer' }
  | {
      readonly mode: 'oauth2-client-credentials';
      readonly tokenUrl: string;
      readonly clientId: string;
      readonly scope?: string;
      readonly clientAuthentication: ClientAuthentication;
    };

/** A form field to send with the recording. */
export interface FieldTemplate {
  readonly name: string;
  readonly value: ValueTemplate;
  /** The value is exactly `{metadataJson}`: the part is sent as application/json. */
  readonly json: boolean;
}

/** A profile's options, read and checked, ready to build requests from. */
export interface UploadSettings {
  readonly method: UploadMethod;
  readonly url: UrlTemplate;
  readonly headers: readonly HeaderTemplate[];
  readonly fileField: string;
  readonly fields: readonly FieldTemplate[];
  readonly auth: AuthSettings;
  readonly responseIdPath?: { readonly text: string; readonly steps: readonly IdPathStep[] };
  /** Statuses that mean "taken"; any 2xx when left out. */
  readonly acceptedStatuses?: ReadonlySet<number>;
  /** Some template holds `{secret:apiKey}`. */
  readonly usesApiKey: boolean;
}

/** Options that belong to one auth mode only. */
const AUTH_OPTIONS: Readonly<Record<string, AuthMode>> = {
  username: 'basic',
  tokenUrl: 'oauth2-client-credentials',
  clientId: 'oauth2-client-credentials',
  scope: 'oauth2-client-credentials',
};

/** Options each auth mode cannot do without (secrets are checked when they are read). */
const REQUIRED_BY: Readonly<Record<AuthMode, readonly string[]>> = {
  none: [],
  basic: ['username'],
  bearer: [],
  'oauth2-client-credentials': ['tokenUrl', 'clientId'],
};

type Raw = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;
const isTextMap = (value: unknown): value is Readonly<Record<string, string>> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((v) => typeof v === 'string');
const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined =>
  values.find((v) => v === value);

/**
 * Reads a profile's options (as written, defaults filled in). Settings come back only when
 * nothing is wrong; a value of the wrong type gives no problem here (the schema reports it).
 * With `schemaChecked`, an address that is no address at all is left to the schema too.
 */
export function readUploadSettings(
  options: Raw,
  profileId?: string,
  schemaChecked = false,
): { readonly settings: UploadSettings | null; readonly problems: readonly OptionProblem[] } {
  const problems: OptionProblem[] = [];
  const problem = (path: readonly string[], message: string): void => {
    problems.push({ path, message });
  };
  const mode = oneOf(AUTH_MODES, options.auth);
  const method = oneOf(UPLOAD_METHODS, options.method);
  const fileField = text(options.fileField)?.trim();

  if (mode !== undefined) {
    for (const [name, owner] of Object.entries(AUTH_OPTIONS)) {
      if (options[name] !== undefined && owner !== mode) {
        problem([name], `is used only when auth is ${owner}: remove it, or set auth to ${owner}`);
      }
    }
    for (const name of REQUIRED_BY[mode]) {
      if (options[name] === undefined) problem([name], `is required when auth is ${mode}`);
    }
  }
  if (mode === 'basic' && text(options.username)?.includes(':')) {
    problem(
      ['username'],
      "cannot hold ':' with auth basic: the password is sent after the first ':'",
    );
  }
  const tokenUrl = text(options.tokenUrl);
  if (tokenUrl !== undefined && /[{}]/.test(tokenUrl)) {
    problem(['tokenUrl'], 'cannot hold placeholders: it is the same for every recording');
  }

  let url: UrlTemplate | undefined;
  const urlText = text(options.url);
  if (urlText !== undefined) {
    const reading = readUrlTemplate(urlText, profileId);
    if (reading.ok) url = reading.url;
    else if (!(schemaChecked && reading.notAnAddress)) problem(['url'], reading.error);
  }

  let headers: readonly HeaderTemplate[] = [];
  if (isTextMap(options.headers)) {
    const read = readHeaders(options.headers, mode ?? 'none', profileId);
    headers = read.headers;
    for (const p of read.problems) problem(['headers', p.name], p.message);
  }

  const fields: FieldTemplate[] = [];
  if (isTextMap(options.fields)) {
    for (const [name, template] of Object.entries(options.fields)) {
      if (name === '') continue; // the schema says so
      if (name === fileField) {
        problem(['fields', name], 'has the name of the file field (fileField): rename one of them');
        continue;
      }
      const reading = readValueTemplate(template, profileId);
      if (!reading.ok) problem(['fields', name], reading.error);
      else fields.push({ name, value: reading.template, json: template === '{metadataJson}' });
    }
  }

  let responseIdPath: UploadSettings['responseIdPath'];
  const idPath = text(options.responseIdPath);
  if (idPath !== undefined) {
    const steps = readIdPath(idPath.trim());
    if (steps) responseIdPath = { text: idPath.trim(), steps };
    else {
      problem(
        ['responseIdPath'],
        `must be a path into the platform's JSON answer, such as ${ID_PATH_EXAMPLES}`,
      );
    }
  }

  const statuses = options.acceptedStatuses;
  const acceptedStatuses =
    Array.isArray(statuses) && statuses.every((s) => typeof s === 'number')
      ? new Set<number>(statuses)
      : undefined;

  const auth = mode === undefined ? undefined : authSettings(mode, options);
  if (problems.length > 0 || !url || !method || !fileField || !auth)
    return { settings: null, problems };
  const templates = [url.path, ...headers.map((h) => h.value), ...fields.map((f) => f.value)];
  return {
    problems,
    settings: {
      method,
      url,
      headers,
      fileField,
      fields,
      auth,
      ...(responseIdPath ? { responseIdPath } : {}),
      ...(acceptedStatuses ? { acceptedStatuses } : {}),
      usesApiKey: templates.some((t) => placeholdersOf(t).some((p) => p.secret)),
    },
  };
}

function authSettings(mode: AuthMode, options: Raw): AuthSettings | undefined {
  switch (mode) {
    case 'none':
    case 'bearer':
      return { mode };
    case 'basic': {
      const username = text(options.username);
      return username === undefined ? undefined : { mode, username };
    }
    case 'oauth2-client-credentials': {
      const tokenUrl = text(options.tokenUrl);
      const clientId = text(options.clientId);
      const scope = text(options.scope);
      const clientAuthentication = options.tokenClientAuth === 'post' ? 'post' : 'basic';
      if (tokenUrl === undefined || clientId === undefined) return undefined;
      return { mode, tokenUrl, clientId, clientAuthentication, ...(scope ? { scope } : {}) };
    }
  }
}
