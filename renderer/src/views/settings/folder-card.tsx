import type { PresetInfo, SettingsError } from '../../../../preload/api.ts';
import { messageOf } from '../../client/api-error.ts';
import type { CourierClient } from '../../client/courier-client.ts';
import { CheckboxField, Field, FieldErrors } from './field.tsx';
import { FOLDER_LABELS } from './field-labels.ts';
import { folderChooser } from './folder-chooser.ts';
import { NamingFields } from './naming-fields.tsx';
import { errorsAt } from './settings-errors.ts';
import { pathKey, withKey, type JsonObject } from './settings-path.ts';

/** A destination a folder can send to. */
export interface DestinationChoice {
  readonly id: string;
  readonly label: string;
}

/** One watch folder: where it is, what it sends where, and how its names are read. */
export function FolderCard(props: {
  readonly client: CourierClient;
  readonly index: number;
  readonly folder: JsonObject;
  readonly presets: readonly PresetInfo[];
  readonly destinations: readonly DestinationChoice[];
  readonly errors: readonly SettingsError[];
  readonly onChange: (folder: JsonObject) => void;
  readonly onDestination: (id: string, on: boolean) => void;
  readonly onRemove: () => void;
  readonly onProblem: (text: string) => void;
}) {
  const { folder } = props;
  const at = pathKey(['watch', props.index]);
  const path = typeof folder.path === 'string' ? folder.path : '';
  const sendsTo = Array.isArray(folder.destinations) ? (folder.destinations as unknown[]) : [];
  const choose = folderChooser(props.client);
  const set = (key: string, value: unknown) => props.onChange(withKey(folder, key, value));
  const destinationErrors = errorsAt(props.errors, `${at}.destinations`, true);
  return (
    <section className="card folder-card" aria-label={`Folder ${path || props.index + 1}`}>
      <Field
        label={FOLDER_LABELS.path}
        help="The folder the recorder writes calls into, as the computer running Call Courier sees it."
        errors={errorsAt(props.errors, `${at}.path`)}
        required
        path={`${at}.path`}
      >
        {(control) => (
          <span className="field__row">
            <input
              {...control}
              value={path}
              placeholder="/var/spool/asterisk/monitor or D:\Recordings"
              spellCheck={false}
              onChange={(event) => set('path', event.target.value)}
            />
            {choose && (
              <button
                type="button"
                onClick={() =>
                  void choose().then(
                    (chosen) => chosen && set('path', chosen),
                    (failure: unknown) => props.onProblem(messageOf(failure)),
                  )
                }
              >
                Choose…
              </button>
            )}
          </span>
        )}
      </Field>
      <CheckboxField
        label={FOLDER_LABELS.recursive}
        help="Most recorders file calls in dated sub-folders."
        checked={folder.recursive !== false}
        errors={errorsAt(props.errors, `${at}.recursive`)}
        onChange={(checked) => set('recursive', checked ? undefined : false)}
      />
      <fieldset className="destinations" data-path={`${at}.destinations`}>
        <legend>{FOLDER_LABELS.destinations}</legend>
        {props.destinations.length === 0 && <p className="muted">Add a destination below first.</p>}
        {props.destinations.map((d) => (
          <CheckboxField
            key={d.id}
            label={d.label}
            checked={sendsTo.includes(d.id)}
            onChange={(checked) => props.onDestination(d.id, checked)}
          />
        ))}
        <FieldErrors id={`${at}-destinations-error`} errors={destinationErrors} />
      </fieldset>
      <NamingFields
        client={props.client}
        folder={folder}
        path={at}
        presets={props.presets}
        errors={props.errors}
        onChange={props.onChange}
      />
      <details className="advanced">
        <summary>Advanced</summary>
        <CheckboxField
          label={FOLDER_LABELS.usePolling}
          help="Needed for network shares, where the system does not announce new files."
          checked={folder.usePolling === true}
          errors={errorsAt(props.errors, `${at}.usePolling`)}
          onChange={(checked) => set('usePolling', checked || undefined)}
        />
      </details>
      <FieldErrors id={`${at}-error`} errors={errorsAt(props.errors, at)} />
      <div className="actions">
        <button type="button" className="button--danger" onClick={props.onRemove}>
          Remove folder<span className="visually-hidden"> {path}</span>
        </button>
      </div>
    </section>
  );
}
