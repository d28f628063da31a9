import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConnectionTest, ConnectorInfo, SettingsError } from '../../../../preload/api.ts';
import { messageOf } from '../../client/api-error.ts';
import type { CourierClient } from '../../client/courier-client.ts';
import { localTimeZone } from '../settings/folder-naming.ts';
import { saveWithSecrets } from '../settings/save-settings.ts';
import {
  SETUP_STEPS,
  settingsWithSetup,
  stepOfError,
  type SetupAnswers,
  type SetupSettings,
  type SetupStep,
} from './setup-plan.ts';

/** The setup's state: where it is, what was typed, what the service said. */
export interface SetupState {
  readonly loading: boolean;
  readonly loadError: string | null;
  readonly connectors: readonly ConnectorInfo[];
  readonly step: SetupStep;
  readonly answers: SetupAnswers;
  /** Refusals of the last save, with the places they refer to. */
  readonly errors: readonly SettingsError[];
  readonly placed: SetupSettings | null;
  readonly busy: boolean;
  readonly test: ConnectionTest | 'running' | undefined;
  readonly notice: string | null;
}

/** The setup's state and what its buttons do. */
export interface Setup {
  readonly state: SetupState;
  readonly connector: ConnectorInfo | undefined;
  answer(change: Partial<SetupAnswers>): void;
  goTo(step: SetupStep): void;
  /** Saves the settings and the secret, then asks the platform; answers when done. */
  testConnection(): Promise<void>;
  /** Saves, and answers whether it was stored (the window then shows the queue). */
  finish(): Promise<boolean>;
}

const START: SetupAnswers = { folder: '', timeZone: '', connector: '', options: {}, secrets: {} };

/** Loads what the setup needs and runs its steps. */
export function useSetup(client: CourierClient): Setup {
  const start = useRef<unknown>({});
  const [state, setState] = useState<SetupState>({
    loading: true,
    loadError: null,
    connectors: [],
    step: 'folder',
    answers: { ...START, timeZone: localTimeZone() },
    errors: [],
    placed: null,
    busy: false,
    test: undefined,
    notice: null,
  });
  const latest = useRef(state);
  latest.current = state;
  const update = useCallback((change: (s: SetupState) => SetupState) => {
    setState((s) => (latest.current = change(s)));
  }, []);

  useEffect(() => {
    let current = true;
    Promise.all([client.getSettings(), client.connectors()]).then(
      ([settings, connectors]) => {
        if (!current) return;
        start.current = settings;
        const first = connectors.find((c) => c.id === 'enderturing') ?? connectors[0];
        update((s) => ({
          ...s,
          loading: false,
          connectors,
          answers: { ...s.answers, connector: first?.id ?? '' },
        }));
      },
      (failure: unknown) =>
        current && update((s) => ({ ...s, loading: false, loadError: messageOf(failure) })),
    );
    return () => {
      current = false;
    };
  }, [client, update]);

  /** Saves the settings and the secrets; answers where they went, or null when not saved. */
  const save = useCallback(async (): Promise<SetupSettings | null> => {
    const { answers, connectors } = latest.current;
    const placed = settingsWithSetup(start.current, answers);
    const keys = Array.from({ length: placed.profileIndex + 1 }, (_, i) =>
      i === placed.profileIndex ? 'setup' : '',
    );
    update((s) => ({ ...s, busy: true, notice: null, placed }));
    try {
      const outcome = await saveWithSecrets(client, placed.settings, keys, {
        setup: answers.secrets,
      });
      if (outcome.kind === 'refused') {
        const connector = connectors.find((c) => c.id === answers.connector);
        const steps = outcome.errors.map((e) => stepOfError(e, placed, connector));
        const back = SETUP_STEPS.find((step) => steps.includes(step));
        update((s) => ({
          ...s,
          busy: false,
          errors: outcome.errors,
          ...(back && { step: back }),
          notice: 'Not saved yet: the settings marked need a look.',
        }));
        return null;
      }
      const secretProblem = Object.values(outcome.secretErrors)[0];
      update((s) => ({ ...s, busy: false, errors: [], notice: secretProblem ?? null }));
      return secretProblem === undefined ? placed : null;
    } catch (failure) {
      update((s) => ({ ...s, busy: false, notice: messageOf(failure) }));
      return null;
    }
  }, [client, update]);

  return {
    state,
    connector: state.connectors.find((c) => c.id === state.answers.connector),
    answer: (change) =>
      update(({ placed, ...s }) => ({
        ...s,
        answers: {
          ...s.answers,
          ...change,
          // Another platform has other options and secrets.
          ...(change.connector !== undefined &&
            change.connector !== s.answers.connector && { options: {}, secrets: {} }),
        },
        placed,
        errors: placed ? s.errors.filter((e) => !e.path.startsWith(answered(change, placed))) : [],
        test: undefined,
      })),
    goTo: (step) => update((s) => ({ ...s, step, notice: null })),
    testConnection: async () => {
      update((s) => ({ ...s, test: 'running' }));
      const placed = await save();
      if (!placed) {
        update((s) => ({ ...s, test: undefined }));
        return;
      }
      const result = await client
        .testProfile(placed.profileId)
        .catch((failure: unknown): ConnectionTest => ({ ok: false, message: messageOf(failure) }));
      update((s) => ({ ...s, test: result }));
    },
    finish: async () => (await save()) !== null,
  };
}

/** Where the settings hold what a change answers: its folder, or its destination. */
function answered(change: Partial<SetupAnswers>, placed: SetupSettings): string {
  return change.folder !== undefined || change.timeZone !== undefined
    ? `watch[${placed.folderIndex}]`
    : `profiles[${placed.profileIndex}]`;
}
