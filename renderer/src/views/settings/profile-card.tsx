import { useEffect, useRef } from 'react';
import type { ConnectionTest, ConnectorInfo, SettingsError } from '../../../../preload/api.ts';
import { CheckboxField, Field } from './field.tsx';
import { PROFILE_LABELS } from './field-labels.ts';
import { OptionField } from './option-field.tsx';
import { groupOptions } from './option-values.ts';
import { useLock } from './policy-locks.tsx';
import { SecretField } from './secret-field.tsx';
import { errorsAt } from './settings-errors.ts';
import { isJsonObject, pathKey, type JsonObject, type SettingsPath } from './settings-path.ts';
import { TestResult } from './test-result.tsx';

/** Everything one destination's form needs. */
export interface ProfileCardProps {
  readonly index: number;
  readonly profile: JsonObject;
  readonly profileKey: string;
  /** Saved already: its short id is fixed (its secrets are stored under it). */
  readonly saved: boolean;
  readonly connectors: readonly ConnectorInfo[];
  readonly errors: readonly SettingsError[];
  readonly stored: Readonly<Record<string, boolean>> | undefined;
  readonly pending: Readonly<Record<string, string>> | undefined;
  readonly secretErrors: Readonly<Record<string, string>>;
  readonly test: ConnectionTest | 'running' | undefined;
  /** Open and focus this card (the address named it: #/settings/et). */
  readonly focus: boolean;
  readonly busy: boolean;
  readonly setAt: (path: SettingsPath, value: unknown) => void;
  readonly onConnector: (connectorId: string) => void;
  readonly onId: (id: string) => void;
  readonly onRemove: () => void;
  readonly onSecret: (field: string, value: string) => void;
  readonly onTest: () => void;
}

/** One destination: its platform, names, the platform's options (secrets write-only) and a test. */
export function ProfileCard(props: ProfileCardProps) {
  const { profile, index } = props;
  const locked = useLock(`profiles[${index}]`) !== undefined;
  const at = (...rest: SettingsPath): SettingsPath => ['profiles', index, ...rest];
  const key = (...rest: SettingsPath) => pathKey(at(...rest));
  const connector = props.connectors.find((c) => c.id === profile.connector);
  const id = typeof profile.id === 'string' ? profile.id : '';
  const title =
    (typeof profile.label === 'string' && profile.label) || connector?.label || 'New destination';
  const options = isJsonObject(profile.options) ? profile.options : {};
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (props.focus) heading.current?.focus();
  }, [props.focus]);

  const fieldFor = (option: ConnectorInfo['options'][number]) =>
    option.secret ? (
      <SecretField
        key={option.name}
        option={option}
        stored={props.stored?.[option.name] ?? null}
        pending={props.pending?.[option.name] ?? ''}
        errors={[
          ...errorsAt(props.errors, key('options', option.name)),
          ...secretError(props.secretErrors, `${props.profileKey}/${option.name}`),
        ]}
        path={key('options', option.name)}
        onChange={(value) => props.onSecret(option.name, value)}
      />
    ) : (
      <OptionField
        key={option.name}
        option={option}
        value={options[option.name]}
        errors={errorsAt(props.errors, key('options', option.name), true)}
        path={key('options', option.name)}
        onChange={(value) => props.setAt(at('options', option.name), value)}
      />
    );
  const groups = groupOptions(connector?.options ?? []);

  return (
    <section
      className="card profile-card"
      id={id ? `destination-${id}` : undefined}
      aria-labelledby={`${props.profileKey}-title`}
    >
      <h4 id={`${props.profileKey}-title`} ref={heading} tabIndex={-1}>
        {title} {id && <span className="muted">({id})</span>}
      </h4>
      <Field
        label={PROFILE_LABELS.connector}
        errors={errorsAt(props.errors, key('connector'))}
        path={key('connector')}
        help={
          connector
            ? `${connector.summary} Accepts ${connector.capabilities.formats}${connector.capabilities.requiresStereo ? ', stereo only' : ''}.`
            : undefined
        }
      >
        {(control) => (
          <select
            {...control}
            value={typeof profile.connector === 'string' ? profile.connector : ''}
            onChange={(event) => props.onConnector(event.target.value)}
          >
            {!connector && <option value="">Choose a platform…</option>}
            {props.connectors.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={PROFILE_LABELS.label}
        help="How this destination is called in the window."
        errors={errorsAt(props.errors, key('label'))}
        path={key('label')}
      >
        {(control) => (
          <input
            {...control}
            value={typeof profile.label === 'string' ? profile.label : ''}
            placeholder={connector?.label}
            onChange={(event) =>
              props.setAt(
                at('label'),
                event.target.value.trim() === '' ? undefined : event.target.value,
              )
            }
          />
        )}
      </Field>
      <Field
        label={PROFILE_LABELS.id}
        errors={errorsAt(props.errors, key('id'))}
        path={key('id')}
        help={
          props.saved
            ? 'Fixed once saved: secrets and folders refer to it.'
            : 'Letters, digits, - or _. Used by folders and by `call-courier secret set`.'
        }
      >
        {(control) => (
          <input
            {...control}
            value={id}
            readOnly={props.saved}
            spellCheck={false}
            onChange={(event) => props.onId(event.target.value)}
          />
        )}
      </Field>
      {connector && (
        <fieldset className="options" key={connector.id}>
          <legend>{connector.label} settings</legend>
          {groups.main.map(fieldFor)}
          <details
            className="advanced"
            open={
              groups.advanced.some(
                (o) => errorsAt(props.errors, key('options', o.name), true).length > 0,
              ) || undefined
            }
          >
            <summary>Advanced</summary>
            {groups.advanced.map(fieldFor)}
            <CheckboxField
              label={PROFILE_LABELS.allowInsecureHttp}
              checked={profile.allowInsecureHttp === true}
              help="Only for a server on your own network: the password then travels unencrypted."
              errors={errorsAt(props.errors, key('allowInsecureHttp'))}
              path={key('allowInsecureHttp')}
              onChange={(checked) => props.setAt(at('allowInsecureHttp'), checked || undefined)}
            />
          </details>
          {connector.docsUrl && (
            <p className="muted">
              <a href={connector.docsUrl} target="_blank" rel="noreferrer noopener">
                {connector.label} documentation
              </a>
            </p>
          )}
        </fieldset>
      )}
      <ul className="field__errors">
        {errorsAt(props.errors, key()).map((e) => (
          <li key={e} className="notice notice--error">
            {e}
          </li>
        ))}
      </ul>
      <div className="actions">
        <button
          type="button"
          onClick={props.onTest}
          disabled={props.busy || props.test === 'running' || !connector}
        >
          Test connection
        </button>
        <button type="button" className="button--danger" disabled={locked} onClick={props.onRemove}>
          Remove destination<span className="visually-hidden"> {title}</span>
        </button>
      </div>
      <TestResult result={props.test} />
    </section>
  );
}

function secretError(errors: Readonly<Record<string, string>>, key: string): string[] {
  const error = errors[key];
  return error === undefined ? [] : [error];
}
