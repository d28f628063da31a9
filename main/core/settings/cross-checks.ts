import type { OptionDeclaration } from '../connectors/declaration.ts';
import { findConnector } from '../connectors/registry.ts';
import { templateError } from '../metadata/read-call-metadata.ts';

/** A problem found in the settings: where it is and what is wrong, in plain words. */
export interface SettingsError {
  readonly path: string;
  readonly message: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * Checks that span several fields: unique ids, references between watch folders and
 * profiles, address schemes, templates. Runs on the raw input, so that its findings are
 * reported together with the schema's even when other fields are wrong.
 */
export function crossCheckSettings(raw: unknown): SettingsError[] {
  if (!isObject(raw)) return [];
  const errors: SettingsError[] = [];
  const profiles = asArray(raw.profiles);
  const ids = new Map<string, number>();

  profiles.forEach((profile, i) => {
    if (!isObject(profile)) return;
    const at = `profiles[${i}]`;
    if (typeof profile.id === 'string') {
      const earlier = ids.get(profile.id);
      if (earlier !== undefined) {
        errors.push({
          path: `${at}.id`,
          message: `"${profile.id}" is already the id of profiles[${earlier}]: ids must be unique`,
        });
      } else ids.set(profile.id, i);
    }
    const connector =
      typeof profile.connector === 'string' ? findConnector(profile.connector) : undefined;
    if (!connector || !isObject(profile.options)) return;
    for (const option of connector.options) {
      const value = profile.options[option.name];
      if (option.type !== 'url' || typeof value !== 'string') continue;
      const problem = urlSchemeProblem(value, profile.allowInsecureHttp === true);
      if (problem) errors.push({ path: `${at}.options.${option.name}`, message: problem });
    }
    const options = withDefaults(connector.options, profile.options);
    const context = {
      profileId: typeof profile.id === 'string' ? profile.id : 'PROFILE',
      allowInsecureHttp: profile.allowInsecureHttp === true,
    };
    for (const problem of connector.checkOptions?.(options, context) ?? []) {
      errors.push({
        path: [`${at}.options`, ...problem.path].join('.'),
        message: problem.message,
      });
    }
  });

  asArray(raw.watch).forEach((folder, i) => {
    if (!isObject(folder)) return;
    const at = `watch[${i}]`;
    asArray(folder.destinations).forEach((id, j) => {
      if (typeof id === 'string' && !ids.has(id)) {
        const known = [...ids.keys()];
        errors.push({
          path: `${at}.destinations[${j}]`,
          message: `no profile has the id "${id}"${known.length ? ` (profiles: ${known.join(', ')})` : ': add it under "profiles"'}`,
        });
      }
    });
    if (typeof folder.template === 'string') {
      const problem = templateError(folder.template);
      if (problem) errors.push({ path: `${at}.template`, message: problem });
      if (folder.preset !== undefined) {
        errors.push({
          path: `${at}.preset`,
          message: 'give either a preset or a template, not both',
        });
      }
    }
  });
  return errors;
}

/** The options as written, with the declared defaults of those left out. */
function withDefaults(declared: readonly OptionDeclaration[], written: Json): Json {
  const defaults = declared.flatMap((o) => (o.default === undefined ? [] : [[o.name, o.default]]));
  return { ...Object.fromEntries(defaults), ...written };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why an address may not be used, or null. Plain http is for this computer only unless allowed. */
export function urlSchemeProblem(value: string, allowInsecureHttp: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null; // the schema reports a malformed address
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:') {
    if (allowInsecureHttp || LOOPBACK.has(url.hostname) || url.hostname.startsWith('127.'))
      return null;
    return 'must be an https:// URL (http is allowed only for 127.0.0.1/localhost, or with "allowInsecureHttp": true)';
  }
  return `must be an https:// URL, not ${url.protocol.replace(':', '')}://`;
}
