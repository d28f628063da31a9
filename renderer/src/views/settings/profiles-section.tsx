import { useId, useState } from 'react';
import { useLock } from './policy-locks.tsx';
import { ProfileCard } from './profile-card.tsx';
import { addProfile, changeConnector, changeProfileId, removeProfile } from './settings-draft.ts';
import { isJsonObject, listAt } from './settings-path.ts';
import type { SettingsEditor } from './use-settings-editor.ts';

/** The destinations, each in its card, and a platform picker to add one. */
export function ProfilesSection(props: {
  readonly editor: SettingsEditor;
  /** The destination the address names (#/settings/et), opened and focused. */
  readonly focusId: string | undefined;
}) {
  const { editor } = props;
  const { state } = editor;
  const pickerId = useId();
  const [platform, setPlatform] = useState('');
  const profiles = listAt(state.draft, ['profiles']);
  const chosen = platform || state.connectors[0]?.id || '';
  const locked = useLock('profiles') !== undefined;
  return (
    <section className="settings-section" aria-labelledby="destinations-heading">
      <h3 id="destinations-heading">Destinations</h3>
      {profiles.length === 0 && (
        <p className="muted">No destination yet: add the platform the recordings go to.</p>
      )}
      {profiles.map((profile, index) => {
        const key = state.keys.profiles[index] ?? `p${index}`;
        const object = isJsonObject(profile) ? profile : {};
        const id = typeof object.id === 'string' ? object.id : '';
        return (
          <ProfileCard
            key={key}
            index={index}
            profile={object}
            profileKey={key}
            saved={state.savedKeys.has(key)}
            connectors={state.connectors}
            errors={state.errors}
            stored={state.savedKeys.has(key) ? state.stored[id] : undefined}
            pending={state.pending[key]}
            secretErrors={state.secretErrors}
            test={state.tests[key]}
            focus={props.focusId !== undefined && props.focusId === id}
            busy={state.saving}
            setAt={editor.setAt}
            onConnector={(connectorId) =>
              editor.edit((s) => changeConnector(s, index, connectorId), ['profiles', index])
            }
            onId={(next) =>
              editor.edit((s) => changeProfileId(s, index, next), ['profiles', index, 'id'])
            }
            onRemove={() =>
              editor.restructure((s) => removeProfile(s, index), { remove: 'profiles', index })
            }
            onSecret={(field, value) => editor.setPendingSecret(key, field, value)}
            onTest={() => void editor.test(index)}
          />
        );
      })}
      <div className="add-destination">
        <label htmlFor={pickerId}>Platform of the new destination</label>
        <select
          id={pickerId}
          value={chosen}
          disabled={locked}
          onChange={(event) => setPlatform(event.target.value)}
        >
          {state.connectors.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={chosen === '' || locked}
          onClick={() => editor.restructure((s) => addProfile(s, chosen), { add: 'profiles' })}
        >
          Add destination
        </button>
      </div>
    </section>
  );
}
