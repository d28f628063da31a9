import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  ConnectionTest,
  ConnectorInfo,
  LockedSetting,
  PresetInfo,
  SettingsError,
} from '../../../../preload/api.ts';
import { messageOf } from '../../client/api-error.ts';
import type { CourierClient } from '../../client/courier-client.ts';
import { saveWithSecrets, type PendingSecrets } from './save-settings.ts';
import { profileIds } from './settings-draft.ts';
import { listAt, pathKey, valueAt, withValueAt, type SettingsPath } from './settings-path.ts';

/** What the settings view shows and can do: the draft, its errors, secrets and connection tests. */
export interface SettingsEditor {
  readonly state: EditorState;
  /** Sets one value of the draft (undefined removes the key). */
  setAt(path: SettingsPath, value: unknown): void;
  /** Applies an edit that changes what is at `touched` (whose errors are then dropped). */
  edit(change: (settings: unknown) => unknown, touched: SettingsPath): void;
  /** Applies an edit that may move folders or destinations about (keys follow with `keys`). */
  restructure(edit: (settings: unknown) => unknown, keys: KeyChange): void;
  setPendingSecret(profileKey: string, field: string, value: string): void;
  /** Saves the draft, then the secrets typed; answers whether everything was stored. */
  save(): Promise<boolean>;
  /** Tests a destination's connection, saving first when something is not saved yet. */
  test(profileIndex: number): Promise<void>;
}

/** How the stable keys of folders and destinations change with an edit. */
export type KeyChange =
  | { readonly add: 'watch' | 'profiles' }
  | { readonly remove: 'watch' | 'profiles'; readonly index: number };

/** Everything the view draws. */
export interface EditorState {
  readonly loading: boolean;
  readonly loadError: string | null;
  readonly saved: unknown;
  readonly draft: unknown;
  readonly connectors: readonly ConnectorInfo[];
  readonly presets: readonly PresetInfo[];
  /** Settings the machine policy locks (read-only here), with why. */
  readonly locks: readonly LockedSetting[];
  readonly errors: readonly SettingsError[];
  /** Stable keys of the draft's folders and destinations, for React and for pending secrets. */
  readonly keys: { readonly watch: readonly string[]; readonly profiles: readonly string[] };
  /** Keys of destinations that are saved (their short id can no longer change). */
  readonly savedKeys: ReadonlySet<string>;
  /** Which secrets the keychain has, by profile id and field. */
  readonly stored: Readonly<Record<string, Readonly<Record<string, boolean>>>>;
  readonly pending: PendingSecrets;
  /** Why a secret could not be stored, by `profileKey/field`. */
  readonly secretErrors: Readonly<Record<string, string>>;
  readonly saving: boolean;
  readonly notice: { readonly kind: 'ok' | 'error'; readonly text: string } | null;
  /** The last connection test of each destination, by key; 'running' while it runs. */
  readonly tests: Readonly<Record<string, ConnectionTest | 'running'>>;
}

let nextKey = 0;
const newKey = () => `k${(nextKey += 1)}`;
const keysFor = (settings: unknown, list: 'watch' | 'profiles') =>
  listAt(settings, [list]).map(newKey);

const EMPTY: EditorState = {
  loading: true,
  loadError: null,
  saved: {},
  draft: {},
  connectors: [],
  presets: [],
  locks: [],
  errors: [],
  keys: { watch: [], profiles: [] },
  savedKeys: new Set(),
  stored: {},
  pending: {},
  secretErrors: {},
  saving: false,
  notice: null,
  tests: {},
};

/** Loads the settings, connectors and presets, and keeps the draft being edited. */
export function useSettingsEditor(client: CourierClient): SettingsEditor {
  const [state, setState] = useState<EditorState>(EMPTY);
  const latest = useRef(state);
  latest.current = state;
  const update = useCallback((change: (s: EditorState) => EditorState) => {
    setState((s) => (latest.current = change(s)));
  }, []);

  const refreshStored = useCallback(
    async (settings: unknown) => {
      const ids = profileIds(settings);
      const answers = await Promise.all(
        ids.map((id) => client.secretsStored(id).catch(() => ({}))),
      );
      update((s) => ({
        ...s,
        stored: Object.fromEntries(ids.map((id, i) => [id, answers[i] ?? {}])),
      }));
    },
    [client, update],
  );

  useEffect(() => {
    let current = true;
    Promise.all([
      client.getSettings(),
      client.connectors(),
      client.presets(),
      client.policy(),
    ]).then(
      ([saved, connectors, presets, policy]) => {
        if (!current) return;
        const keys = { watch: keysFor(saved, 'watch'), profiles: keysFor(saved, 'profiles') };
        update((s) => ({
          ...s,
          loading: false,
          saved,
          draft: saved,
          connectors,
          presets,
          locks: policy.locked,
          keys,
          savedKeys: new Set(keys.profiles),
        }));
        void refreshStored(saved);
      },
      (failure: unknown) =>
        current && update((s) => ({ ...s, loading: false, loadError: messageOf(failure) })),
    );
    return () => {
      current = false;
    };
  }, [client, update, refreshStored]);

  const save = useCallback(async (): Promise<boolean> => {
    const { draft, keys, pending } = latest.current;
    update((s) => ({ ...s, saving: true, notice: null }));
    const outcome = await saveWithSecrets(client, draft, keys.profiles, pending).catch(
      (failure: unknown) => ({ kind: 'failed' as const, message: messageOf(failure) }),
    );
    if (outcome.kind === 'failed') {
      update((s) => ({ ...s, saving: false, notice: { kind: 'error', text: outcome.message } }));
      return false;
    }
    if (outcome.kind === 'refused') {
      const count = outcome.errors.length;
      update((s) => ({
        ...s,
        saving: false,
        errors: outcome.errors,
        notice: {
          kind: 'error',
          text: `Not saved: ${count === 1 ? 'one setting needs' : `${count} settings need`} attention.`,
        },
      }));
      return false;
    }
    const secretsFailed = Object.keys(outcome.secretErrors).length > 0;
    update((s) => ({
      ...s,
      saving: false,
      saved: draft,
      errors: [],
      savedKeys: new Set(s.keys.profiles),
      pending: outcome.stillPending,
      secretErrors: outcome.secretErrors,
      notice: secretsFailed
        ? { kind: 'error', text: 'The settings were saved, but a secret could not be stored.' }
        : { kind: 'ok', text: 'Saved. Call Courier uses the new settings now.' },
    }));
    await refreshStored(draft);
    return !secretsFailed;
  }, [client, update, refreshStored]);

  const test = useCallback(
    async (profileIndex: number) => {
      const { keys } = latest.current;
      const key = keys.profiles[profileIndex];
      if (key === undefined) return;
      const before = latest.current;
      update((s) => ({ ...s, tests: { ...s.tests, [key]: 'running' } }));
      const unsaved =
        JSON.stringify(before.draft) !== JSON.stringify(before.saved) ||
        Object.values(before.pending[key] ?? {}).some((v) => v !== '');
      let result: ConnectionTest;
      if (unsaved && !(await save())) {
        result = {
          ok: false,
          message: 'Fix what is marked first: the test needs these settings saved.',
        };
      } else {
        const id = valueAt(before.draft, ['profiles', profileIndex, 'id']);
        result = await client
          .testProfile(typeof id === 'string' ? id : '')
          .catch((failure: unknown) => ({ ok: false, message: messageOf(failure) }));
      }
      update((s) => ({ ...s, tests: { ...s.tests, [key]: result } }));
    },
    [client, update, save],
  );

  const edit = (change: (settings: unknown) => unknown, touched: SettingsPath) =>
    update((s) => ({
      ...s,
      draft: change(s.draft),
      errors: s.errors.filter((e) => !e.path.startsWith(pathKey(touched))),
      notice: null,
    }));

  return {
    state,
    setAt: (path, value) => edit((settings) => withValueAt(settings, path, value), path),
    edit,
    restructure: (apply, change) =>
      update((s) => {
        const list = 'add' in change ? change.add : change.remove;
        const keys =
          'add' in change
            ? [...s.keys[list], newKey()]
            : s.keys[list].filter((_, i) => i !== change.index);
        return {
          ...s,
          draft: apply(s.draft),
          keys: { ...s.keys, [list]: keys },
          errors: [],
          notice: null,
        };
      }),
    setPendingSecret: (profileKey, field, value) =>
      update((s) => ({
        ...s,
        pending: { ...s.pending, [profileKey]: { ...s.pending[profileKey], [field]: value } },
      })),
    save,
    test,
  };
}
