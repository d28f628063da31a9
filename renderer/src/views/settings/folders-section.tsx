import type { CourierClient } from '../../client/courier-client.ts';
import { FolderCard } from './folder-card.tsx';
import { localTimeZone } from './folder-naming.ts';
import { addFolder, removeFolder, withDestination } from './settings-draft.ts';
import { isJsonObject, listAt } from './settings-path.ts';
import type { SettingsEditor } from './use-settings-editor.ts';

/** The watch folders, each in its card, and a way to add one. */
export function FoldersSection(props: {
  readonly client: CourierClient;
  readonly editor: SettingsEditor;
  readonly onProblem: (text: string) => void;
}) {
  const { editor } = props;
  const { state } = editor;
  const folders = listAt(state.draft, ['watch']);
  const destinations = listAt(state.draft, ['profiles']).flatMap((p) => {
    if (!isJsonObject(p) || typeof p.id !== 'string' || p.id === '') return [];
    const connector = state.connectors.find((c) => c.id === p.connector);
    const name = (typeof p.label === 'string' && p.label) || connector?.label || p.id;
    return [{ id: p.id, label: name === p.id ? name : `${name} (${p.id})` }];
  });
  return (
    <section className="settings-section" aria-labelledby="folders-heading">
      <h3 id="folders-heading">Watch folders</h3>
      {folders.length === 0 && <p className="muted">No folder is watched yet.</p>}
      {folders.map((folder, index) => (
        <FolderCard
          key={state.keys.watch[index] ?? index}
          client={props.client}
          index={index}
          folder={isJsonObject(folder) ? folder : {}}
          presets={state.presets}
          destinations={destinations}
          errors={state.errors}
          onChange={(next) => editor.setAt(['watch', index], next)}
          onDestination={(id, on) =>
            editor.edit((s) => withDestination(s, index, id, on), ['watch', index, 'destinations'])
          }
          onRemove={() =>
            editor.restructure((s) => removeFolder(s, index), { remove: 'watch', index })
          }
          onProblem={props.onProblem}
        />
      ))}
      <button
        type="button"
        onClick={() =>
          editor.restructure(
            (s) =>
              addFolder(s, {
                path: '',
                destinations:
                  destinations.length === 1 && destinations[0] ? [destinations[0].id] : [],
                timeZone: localTimeZone(),
              }),
            { add: 'watch' },
          )
        }
      >
        Add a folder
      </button>
    </section>
  );
}
