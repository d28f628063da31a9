import { useState } from 'react';
import type { PresetInfo, SettingsError } from '../../../../preload/api.ts';
import type { CourierClient } from '../../client/courier-client.ts';
import { Field } from './field.tsx';
import { FOLDER_LABELS } from './field-labels.ts';
import {
  namingChoice,
  namingMode,
  sampleNameFor,
  withNamingMode,
  type NamingMode,
} from './folder-naming.ts';
import { metadataRows } from './metadata-rows.ts';
import { errorsAt } from './settings-errors.ts';
import { withKey, type JsonObject } from './settings-path.ts';
import { TIME_ZONE_LIST_ID } from './time-zone-list.tsx';
import { useNamePreview } from './use-name-preview.ts';

const TEMPLATE_HELP =
  'The name with its parts in braces, e.g. {date:YYYYMMDD}_{time:HHmm}_{agentId}_{clientId}_{direction}. ' +
  'Fields: agentId, clientId, direction, agentChannel, callId, queue, did, campaign; {extra:key} keeps any other part; {*} skips one.';

/** How a folder's recording names are read, its time zone, and a live preview on a sample name. */
export function NamingFields(props: {
  readonly client: CourierClient;
  readonly folder: JsonObject;
  /** `watch[0]`: where this folder's errors are. */
  readonly path: string;
  readonly presets: readonly PresetInfo[];
  readonly errors: readonly SettingsError[];
  readonly onChange: (folder: JsonObject) => void;
}) {
  const { folder, presets } = props;
  const mode = namingMode(folder);
  const [sample, setSample] = useState(() => sampleNameFor(mode, presets));
  const naming = namingChoice(folder);
  const preview = useNamePreview(props.client, sample, naming);
  const timeZone = typeof folder.timeZone === 'string' ? folder.timeZone : '';
  return (
    <fieldset className="naming">
      <legend>Call details from the file name</legend>
      <Field
        label={FOLDER_LABELS.preset}
        errors={errorsAt(props.errors, `${props.path}.preset`)}
        path={`${props.path}.preset`}
      >
        {(control) => (
          <select
            {...control}
            value={mode}
            onChange={(event) => {
              const next = event.target.value as NamingMode;
              props.onChange(withNamingMode(folder, next));
              if (next.startsWith('preset:')) setSample(sampleNameFor(next, presets));
            }}
          >
            <option value="auto">Any known recorder (each preset is tried)</option>
            {presets.map((p) => (
              <option key={p.id} value={`preset:${p.id}`}>
                {p.label}
              </option>
            ))}
            <option value="template">My own template</option>
          </select>
        )}
      </Field>
      {mode === 'template' && (
        <Field
          label={FOLDER_LABELS.template}
          help={TEMPLATE_HELP}
          errors={errorsAt(props.errors, `${props.path}.template`)}
          path={`${props.path}.template`}
        >
          {(control) => (
            <input
              {...control}
              value={typeof folder.template === 'string' ? folder.template : ''}
              spellCheck={false}
              onChange={(event) => props.onChange({ ...folder, template: event.target.value })}
            />
          )}
        </Field>
      )}
      <Field
        label={FOLDER_LABELS.timeZone}
        help="The recorder's time zone. Left empty: UTC."
        errors={errorsAt(props.errors, `${props.path}.timeZone`)}
        path={`${props.path}.timeZone`}
      >
        {(control) => (
          <input
            {...control}
            list={TIME_ZONE_LIST_ID}
            value={timeZone}
            placeholder="UTC"
            spellCheck={false}
            onChange={(event) =>
              props.onChange(
                withKey(
                  folder,
                  'timeZone',
                  event.target.value.trim() === '' ? undefined : event.target.value,
                ),
              )
            }
          />
        )}
      </Field>
      <Field
        label="Sample recording name"
        help="Type or paste a name the recorder writes, to see what is read from it."
      >
        {(control) => (
          <input
            {...control}
            value={sample}
            spellCheck={false}
            onChange={(event) => setSample(event.target.value)}
          />
        )}
      </Field>
      <PreviewBox preview={preview} timeZone={timeZone || 'UTC'} presets={presets} />
    </fieldset>
  );
}

function PreviewBox(props: {
  readonly preview: ReturnType<typeof useNamePreview>;
  readonly timeZone: string;
  readonly presets: readonly PresetInfo[];
}) {
  const { preview } = props;
  if (preview === null) return <output className="name-preview muted">Reading the sample…</output>;
  if ('failed' in preview) {
    return <output className="name-preview notice notice--error">{preview.failed}</output>;
  }
  const rows = metadataRows(preview.metadata, { timeZone: props.timeZone });
  const by =
    preview.preset === 'template'
      ? 'the template'
      : props.presets.find((p) => p.id === preview.preset)?.label;
  if (rows.length === 0 && preview.problems.length === 0) {
    return (
      <output className="name-preview muted">
        Type a recording&apos;s name above to see what is read from it.
      </output>
    );
  }
  return (
    <output className="name-preview" aria-live="polite">
      {by && rows.length > 0 && <p>Read by {by}:</p>}
      {rows.length > 0 && (
        <dl>
          {rows.map((row) => (
            <div key={row.label}>
              <dt>{row.label}</dt>
              <dd>{row.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {preview.problems.map((problem) => (
        <p key={problem} className="notice notice--warning">
          {problem.charAt(0).toUpperCase() + problem.slice(1)}
        </p>
      ))}
    </output>
  );
}
