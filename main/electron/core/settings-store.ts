/**
 * Electron glue: the desktop settings in electron-store (`<userData>/settings.json`, the same
 * schema as the headless config file). A file that is not JSON is moved aside, never lost.
 */
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import Store from 'electron-store';
import type { Logger } from '../../core/log/logger.ts';

/** Reads and writes the stored settings document. */
export interface SettingsStore {
  read(): unknown;
  write(raw: unknown): void;
}

/** Opens the settings store in `dir`. */
export async function openSettingsStore(dir: string, log: Logger): Promise<SettingsStore> {
  const store = await openStore(dir, log);
  return {
    read: () => ({ ...store.store }),
    write: (raw) => {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        throw new Error('settings must be a JSON object');
      }
      store.store = raw as Record<string, unknown>;
    },
  };
}

async function openStore(dir: string, log: Logger): Promise<Store<Record<string, unknown>>> {
  const create = () => {
    const store = new Store<Record<string, unknown>>({ name: 'settings', cwd: dir });
    void store.store; // reads the file now, so a broken one is found here
    return store;
  };
  try {
    return create();
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const file = join(dir, 'settings.json');
    const aside = `${file}.unreadable-${Date.now()}`;
    await rename(file, aside);
    log.error(
      `the settings file was not valid JSON; it was moved to ${aside} and Call Courier starts with empty settings`,
    );
    return create();
  }
}
