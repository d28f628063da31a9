// The installer configuration, checked without the Electron binary (which cannot be downloaded
// here): against electron-builder's own JSON schema and file matcher, and for the settings the
// issue asks for on each platform.
import { access, readFile, readdir } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_ICON_SIZE, LINUX_ICON_SIZES } from '../../../build/rendered-icons.ts';
import {
  loadBuilderConfig,
  packagedFileFilter,
  schemaErrors,
  type BuilderConfig,
} from './builder-config.ts';
import { pngSize } from './png.ts';
import { REPO_ROOT } from './repo-root.ts';

let config: BuilderConfig;
beforeAll(async () => {
  config = await loadBuilderConfig();
});

/** A nested section of the config, as an object. */
function section(name: string): Readonly<Record<string, unknown>> {
  const value = config[name];
  if (typeof value !== 'object' || value === null) throw new Error(`config has no "${name}"`);
  return value as Readonly<Record<string, unknown>>;
}

/** The target names of a platform section (`win`, `mac`, `linux`). */
function targetNames(platform: string): readonly string[] {
  const targets = section(platform)['target'] as readonly (string | { target: string })[];
  return targets.map((target) => (typeof target === 'string' ? target : target.target));
}

/** Reads a repository file, failing the test with its path when it is missing. */
async function repoFile(path: string): Promise<Buffer> {
  return readFile(new URL(path, REPO_ROOT));
}

describe('installer configuration (build/electron-builder.json)', () => {
  it("is valid for electron-builder's own schema", async () => {
    expect(await schemaErrors(config)).toEqual([]);
  });

  it.each([
    [
      'a misspelt top-level option',
      () => ({ ...config, prodcutName: 'Call Courier' }),
      'prodcutName',
    ],
    [
      'a misspelt installer option',
      () => ({ ...config, nsis: { ...section('nsis'), oneclick: true } }),
      'oneclick',
    ],
    [
      'a misspelt fuse',
      () => ({ ...config, electronFuses: { ...section('electronFuses'), runAsnode: false } }),
      'runAsnode',
    ],
  ])('%s is refused by the schema', async (_case, broken, key) => {
    const errors = await schemaErrors(broken());
    expect(errors.join('\n')).toContain(`"${key}"`);
  });

  it('an option of the wrong type is refused by the schema', async () => {
    const errors = await schemaErrors({ ...config, asar: 'yes' });
    expect(errors.some((error) => error.startsWith('configuration/asar'))).toBe(true);
  });

  it('names the app and its id', () => {
    expect(config['productName']).toBe('Call Courier');
    expect(config['appId']).toMatch(/^[a-z]+(\.[a-z]+)+$/);
  });

  it('sets the Electron fuses that lock the packaged app down', () => {
    expect(section('electronFuses')).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app into an asar archive, with native modules (keytar) unpacked beside it', () => {
    expect(config['asar']).toBe(true);
    expect(config['asarUnpack']).toContain('**/*.node');
  });

  it('Windows: a per-user NSIS installer that needs no admin rights and installs silently with /S', async () => {
    expect(targetNames('win')).toEqual(['nsis']);
    // oneClick + not perMachine: installs into the user's profile without questions or UAC,
    // and NSIS's /S switch makes it silent (docs/packaging.md says how).
    expect(section('nsis')).toMatchObject({ oneClick: true, perMachine: false });
    expect((await repoFile('docs/packaging.md')).toString()).toMatch(/\/S\b/);
  });

  it('macOS: a dmg with the hardened runtime, notarised when the APPLE_* variables are set', async () => {
    expect(targetNames('mac')).toEqual(['dmg']);
    // notarize: true lets electron-builder notarise with the APPLE_* variables and skip (with a
    // warning) when none is set; false would never notarise.
    expect(section('mac')).toMatchObject({ hardenedRuntime: true, notarize: true });
    const plist = (await repoFile(String(section('mac')['entitlements']))).toString();
    const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);
    expect(granted).toEqual(['com.apple.security.cs.allow-jit']);
    expect(section('mac')['entitlementsInherit']).toBe(section('mac')['entitlements']);
  });

  it('Linux: an AppImage and a deb, listed in the Office menu', () => {
    expect(targetNames('linux')).toEqual(['AppImage', 'deb']);
    expect(section('linux')['category']).toBe('Office');
    // electron-builder refuses to build a deb without a maintainer (package.json has no author).
    expect(section('linux')['maintainer']).toEqual(expect.any(String));
  });

  it('points Windows and macOS at a square app icon big enough for .ico and .icns', async () => {
    for (const platform of ['win', 'mac']) {
      const icon = await repoFile(String(section(platform)['icon']));
      expect(pngSize(icon), platform).toEqual({ width: APP_ICON_SIZE, height: APP_ICON_SIZE });
    }
  });

  it('points Linux at an icon folder with one <n>x<n>.png per size', async () => {
    const folder = String(section('linux')['icon']);
    const names = await readdir(new URL(`${folder}/`, REPO_ROOT));
    expect(names.sort()).toEqual(LINUX_ICON_SIZES.map((n) => `${n}x${n}.png`).sort());
    for (const n of LINUX_ICON_SIZES) {
      expect(pngSize(await repoFile(`${folder}/${n}x${n}.png`))).toEqual({ width: n, height: n });
    }
  });
});

describe('what electron-builder puts into the app', () => {
  let packaged: (path: string, isDirectory?: boolean) => boolean;
  beforeAll(() => {
    packaged = packagedFileFilter(config);
  });

  it.each([
    'package.json',
    'dist/main/electron/main.js',
    'dist/main/core/service.js',
    'dist/preload/index.cjs',
    'dist/renderer/index.html',
    'dist/renderer/assets/index-3f2a.js',
    'build/icons/tray/problem-dark@2x.png',
    'build/icons/icon.png',
  ])('%s goes in', (path) => {
    expect(packaged(path)).toBe(true);
  });

  it.each([
    'main/electron/main.ts',
    'test/unit/packaging/icons.test.ts',
    'dist/test/unit/example.test.js',
    'dist/main/electron/main.js.map',
    'build/icons/icon.svg',
    'build/electron-builder.json',
    'build/electronegativity-exceptions.json',
    'out/installers/Call-Courier-Setup-0.1.0.exe',
    'README.md',
    'package-lock.json',
  ])('%s stays out', (path) => {
    expect(packaged(path)).toBe(false);
  });

  it('the entry point that package.json "main" names is built from main/electron and packaged', async () => {
    const manifest = JSON.parse((await repoFile('package.json')).toString()) as { main?: string };
    const entry = manifest.main ?? '(package.json has no "main")';
    expect(entry, 'package.json needs "main": "dist/main/electron/<entry>.js"').toMatch(
      /^dist\/main\/electron\/[\w-]+\.js$/,
    );
    const source = entry.replace(/^dist\//, '').replace(/\.js$/, '.ts');
    await expect(access(new URL(source, REPO_ROOT))).resolves.toBeUndefined();
    expect(packaged(entry)).toBe(true);
  });
});
