import type { ConnectorOptionInfo } from '../../../../preload/api.ts';
import { Field } from './field.tsx';

/**
 * A write-only secret (a password, a token): what is typed goes to the keychain on save and is
 * never shown again. When one is stored already, the field says so and typing replaces it.
 */
export function SecretField(props: {
  readonly option: ConnectorOptionInfo;
  /** Whether the keychain has a value for it (null: not known, e.g. not saved yet). */
  readonly stored: boolean | null;
  /** What was typed and not yet saved. */
  readonly pending: string;
  readonly errors: readonly string[];
  readonly path: string;
  readonly onChange: (value: string) => void;
}) {
  const { option, stored } = props;
  const state = stored
    ? 'Stored in the keychain — type a new one to replace it.'
    : 'Not stored yet. It goes to the system keychain when you save, never into the settings.';
  return (
    <Field
      label={option.label}
      help={
        <>
          <span className="secret-state" data-stored={stored === true}>
            {state}
          </span>{' '}
          {option.help}
        </>
      }
      errors={props.errors}
      required={option.required === true && !stored}
      path={props.path}
      secret
    >
      {(control) => (
        <input
          {...control}
          type="password"
          value={props.pending}
          placeholder={stored ? '•••••••• (stored — type to replace)' : ''}
          autoComplete="new-password"
          spellCheck={false}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
