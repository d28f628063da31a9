import type { ConnectorInfo } from '../../../../preload/api.ts';
import { messageOf } from '../../client/api-error.ts';
import type { CourierClient } from '../../client/courier-client.ts';
import { Field } from '../settings/field.tsx';
import { FOLDER_LABELS, PROFILE_LABELS } from '../settings/field-labels.ts';
import { folderChooser } from '../settings/folder-chooser.ts';
import { OptionField } from '../settings/option-field.tsx';
import { requiredOptions } from '../settings/option-values.ts';
import { SecretField } from '../settings/secret-field.tsx';
import { errorsAt } from '../settings/settings-errors.ts';
import { withKey } from '../settings/settings-path.ts';
import { TIME_ZONE_LIST_ID } from '../settings/time-zone-list.tsx';
import { setupSecrets } from './setup-plan.ts';
import type { Setup } from './use-setup.ts';

/** What every step is given: the setup, and the problems found before leaving it. */
export interface StepProps {
  readonly setup: Setup;
  readonly problems: Readonly<Record<string, string>>;
}

/** The problems of a field: found before leaving the step, or refused by the service. */
function fieldErrors(props: StepProps, name: string, path: string | null): string[] {
  const local = props.problems[name];
  const refused = path === null ? [] : errorsAt(props.setup.state.errors, path);
  return [...(local ? [local] : []), ...refused];
}

/** Step 1: the folder the recorder writes into, and the time zone of its names. */
export function FolderStep(props: StepProps & { readonly client: CourierClient }) {
  const { setup } = props;
  const { answers, placed } = setup.state;
  const at = placed ? `watch[${placed.folderIndex}]` : null;
  const choose = folderChooser(props.client);
  return (
    <>
      <Field
        label={FOLDER_LABELS.path}
        help="The folder the recorder writes calls into, as this computer sees it. Sub-folders are watched too."
        errors={fieldErrors(props, 'path', at && `${at}.path`)}
        required
      >
        {(control) => (
          <span className="field__row">
            <input
              {...control}
              value={answers.folder}
              placeholder="/var/spool/asterisk/monitor or D:\Recordings"
              spellCheck={false}
              onChange={(event) => setup.answer({ folder: event.target.value })}
            />
            {choose && (
              <button
                type="button"
                onClick={() =>
                  void choose().then(
                    (chosen) => chosen && setup.answer({ folder: chosen }),
                    (failure: unknown) => console.warn(messageOf(failure)),
                  )
                }
              >
                Choose…
              </button>
            )}
          </span>
        )}
      </Field>
      <Field
        label={FOLDER_LABELS.timeZone}
        help="The time zone of the recorder's clock, so call times are read right."
        errors={fieldErrors(props, 'timeZone', at && `${at}.timeZone`)}
      >
        {(control) => (
          <input
            {...control}
            list={TIME_ZONE_LIST_ID}
            value={answers.timeZone}
            placeholder="UTC"
            spellCheck={false}
            onChange={(event) => setup.answer({ timeZone: event.target.value })}
          />
        )}
      </Field>
    </>
  );
}

/** Step 2: the platform, and the settings it cannot do without. */
export function PlatformStep(props: StepProps) {
  const { setup } = props;
  const { answers, placed, connectors } = setup.state;
  const at = placed ? `profiles[${placed.profileIndex}]` : null;
  const connector: ConnectorInfo | undefined = setup.connector;
  return (
    <>
      <Field
        label={PROFILE_LABELS.connector}
        help={connector?.summary}
        errors={fieldErrors(props, 'connector', at && `${at}.connector`)}
      >
        {(control) => (
          <select
            {...control}
            value={answers.connector}
            onChange={(event) => setup.answer({ connector: event.target.value })}
          >
            {answers.connector === '' && <option value="">Choose a platform…</option>}
            {connectors.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {connector &&
        requiredOptions(connector.options).plain.map((option) => (
          <OptionField
            key={`${connector.id}-${option.name}`}
            option={option}
            value={answers.options[option.name]}
            errors={fieldErrors(props, option.name, at && `${at}.options.${option.name}`)}
            path={`setup.options.${option.name}`}
            onChange={(value) =>
              setup.answer({ options: withKey(answers.options, option.name, value) })
            }
          />
        ))}
      {connector && (
        <p className="muted">
          Other settings have sensible defaults; change them later under Settings.
        </p>
      )}
    </>
  );
}

/** Step 3: the password or key, for the keychain only. */
export function SecretStep(props: StepProps) {
  const { setup } = props;
  const { answers, placed } = setup.state;
  const at = placed ? `profiles[${placed.profileIndex}]` : null;
  const secrets = setupSecrets(setup.connector);
  if (secrets.length === 0) {
    return <p>{setup.connector?.label ?? 'This platform'} needs no password here.</p>;
  }
  return (
    <>
      <p className="muted">
        It is kept in the system keychain, never in the settings, and is never shown again.
      </p>
      {secrets.map((option) => (
        <SecretField
          key={`${setup.connector?.id}-${option.name}`}
          option={option}
          stored={null}
          pending={answers.secrets[option.name] ?? ''}
          errors={fieldErrors(props, option.name, at && `${at}.options.${option.name}`)}
          path={`setup.secrets.${option.name}`}
          onChange={(value) =>
            setup.answer({ secrets: { ...answers.secrets, [option.name]: value } })
          }
        />
      ))}
    </>
  );
}
