// Reads build/electron-builder.json and checks it the way electron-builder does, without the
// Electron binary: against electron-builder's own JSON schema, and through its own file matcher.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { REPO_ROOT } from './repo-root.ts';

/** Path of the installer config in the repository. */
export const BUILDER_CONFIG_PATH = 'build/electron-builder.json';

/** The installer config as parsed JSON. */
export type BuilderConfig = Readonly<Record<string, unknown>>;

/** Reads build/electron-builder.json. */
export async function loadBuilderConfig(): Promise<BuilderConfig> {
  return JSON.parse(
    await readFile(new URL(BUILDER_CONFIG_PATH, REPO_ROOT), 'utf8'),
  ) as BuilderConfig;
}

const requireHere = createRequire(import.meta.url);

let validator: Promise<ValidateFunction> | undefined;

/** A validator for electron-builder's own schema of its configuration (app-builder-lib/scheme.json). */
function builderSchemaValidator(): Promise<ValidateFunction> {
  validator ??= (async () => {
    const path = requireHere.resolve('app-builder-lib/scheme.json');
    const schema = JSON.parse(await readFile(path, 'utf8')) as object;
    // Same settings as electron-builder's own validator (app-builder-lib/out/util/config), except
    // that types are not coerced: a "true" string where a boolean belongs is an error here.
    return new Ajv({ allErrors: true, strict: false }).compile(schema);
  })();
  return validator;
}

/** The schema errors of a config, one readable line each; empty when electron-builder accepts it. */
export async function schemaErrors(config: unknown): Promise<readonly string[]> {
  const validate = await builderSchemaValidator();
  if (validate(config)) return [];
  return (validate.errors ?? []).map(describeError);
}

/** One ajv error as `configuration/nsis: must NOT have additional property "oneclick"`. */
function describeError(error: ErrorObject): string {
  const extra =
    error.keyword === 'additionalProperties'
      ? ` "${String(error.params['additionalProperty'])}"`
      : '';
  return `configuration${error.instancePath}: ${error.message ?? error.keyword}${extra}`;
}

/** electron-builder's own decision whether a file of the project goes into the app. */
export type PackagedFileFilter = (relativePath: string, isDirectory?: boolean) => boolean;

interface FileMatcherModule {
  getMainFileMatchers(
    appDir: string,
    destination: string,
    macroExpander: (pattern: string) => string,
    platformSpecificBuildOptions: object,
    platformPackager: object,
    outDir: string,
    isElectronCompile: boolean,
  ): readonly {
    createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean;
  }[];
}

/**
 * The filter electron-builder applies to the project's own files (not node_modules, which it
 * adds from the production dependencies). Uses app-builder-lib's internal file matcher with a
 * minimal packager context, so the default exclusions it adds are the real ones.
 */
export function packagedFileFilter(config: BuilderConfig): PackagedFileFilter {
  const matcherModule = requireHere('app-builder-lib/out/fileMatcher.js') as FileMatcherModule;
  const root = fileURLToPath(REPO_ROOT).replace(/[\\/]$/, '');
  const directories = (config['directories'] ?? {}) as { buildResources?: string; output?: string };
  const packager = {
    info: {
      projectDir: root,
      buildResourcesDir: `${root}/${directories.buildResources ?? 'build'}`,
      config,
      isPrepackedAppAsar: false,
      debugLogger: { isEnabled: false },
    },
  };
  const [matcher] = matcherModule.getMainFileMatchers(
    root,
    '/app',
    (pattern) => pattern,
    {},
    packager,
    `${root}/${directories.output ?? 'dist'}`,
    false,
  );
  if (!matcher) throw new Error('electron-builder produced no file matcher for the app');
  const filter = matcher.createFilter();
  return (relativePath, isDirectory = false) =>
    filter(`${root}/${relativePath}`, { isDirectory: () => isDirectory });
}
