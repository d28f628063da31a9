/**
 * A stand-in for `electron-store` (which needs Electron): one JSON document per folder, kept in
 * memory. Use with `vi.mock('electron-store', () => import('./fake-electron-store.ts'))`.
 */

/** The documents, by the folder (`cwd`) they would be stored in. */
export const storedDocuments = new Map<string, Record<string, unknown>>();

/** What `new Store()` finds in a folder whose file is not JSON. */
export const unreadableFolders = new Set<string>();

export default class FakeStore {
  readonly #cwd: string;

  constructor(options: { readonly name?: string; readonly cwd?: string } = {}) {
    if (options.name !== 'settings') throw new Error(`unexpected store name ${options.name}`);
    this.#cwd = options.cwd ?? '';
    if (unreadableFolders.delete(this.#cwd)) throw new SyntaxError('Unexpected token } in JSON');
  }

  get store(): Record<string, unknown> {
    return structuredClone(storedDocuments.get(this.#cwd) ?? {});
  }

  set store(value: Record<string, unknown>) {
    storedDocuments.set(this.#cwd, structuredClone(value));
  }
}
