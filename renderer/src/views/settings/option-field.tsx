import { useState } from 'react';
import type { ConnectorOptionInfo } from '../../../../preload/api.ts';
import { CheckboxField, Field } from './field.tsx';
import { MapField } from './map-field.tsx';
import { optionChecked, optionText, readOptionText } from './option-values.ts';

/** What an option field is given: the declaration, the stored value and where errors go. */
export interface OptionFieldProps {
  readonly option: ConnectorOptionInfo;
  readonly value: unknown;
  readonly errors: readonly string[];
  readonly path: string;
  /** The new value; undefined leaves the option out (its default applies). */
  readonly onChange: (value: unknown) => void;
}

/** The help under an option: its declared help, a map's example (text fields show theirs inside) and its default. */
function optionHelp(option: ConnectorOptionInfo): string {
  const parts = [option.help];
  if (option.type === 'map' && option.examples?.[0])
    parts.push(`For example: ${option.examples[0]}`);
  if (option.default !== undefined && option.type !== 'boolean' && option.type !== 'enum') {
    parts.push(`Left empty: ${String(option.default)}.`);
  }
  return parts.join(' ');
}

/** One declared option of a destination, drawn by its type (secrets have their own field). */
export function OptionField(props: OptionFieldProps) {
  const { option } = props;
  switch (option.type) {
    case 'boolean':
      return (
        <CheckboxField
          label={option.label}
          help={option.help}
          errors={props.errors}
          path={props.path}
          checked={optionChecked(option, props.value)}
          onChange={props.onChange}
        />
      );
    case 'enum':
      return <EnumField {...props} />;
    case 'map':
      return (
        <MapField
          label={option.label}
          help={optionHelp(option)}
          errors={props.errors}
          path={props.path}
          value={props.value}
          onChange={props.onChange}
        />
      );
    default:
      return <TextOptionField {...props} />;
  }
}

function EnumField(props: OptionFieldProps) {
  const { option } = props;
  const value = props.value === undefined ? String(option.default ?? '') : String(props.value);
  return (
    <Field
      label={option.label}
      help={optionHelp(option)}
      errors={props.errors}
      required={option.required === true}
      path={props.path}
    >
      {(control) => (
        <select
          {...control}
          value={value}
          onChange={(event) => props.onChange(event.target.value || undefined)}
        >
          {option.default === undefined && <option value="">Choose…</option>}
          {(option.choices ?? []).map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function TextOptionField(props: OptionFieldProps) {
  const { option } = props;
  const [text, setText] = useState(() => optionText(option, props.value));
  const [problem, setProblem] = useState<string | null>(null);
  const inputType = option.type === 'url' ? 'url' : 'text';
  return (
    <Field
      label={option.label}
      help={optionHelp(option)}
      errors={problem ? [problem, ...props.errors] : props.errors}
      required={option.required === true && option.default === undefined}
      path={props.path}
    >
      {(control) => (
        <input
          {...control}
          type={inputType}
          inputMode={option.type === 'integer' ? 'numeric' : undefined}
          value={text}
          placeholder={
            option.examples?.[0] ?? (option.default === undefined ? '' : String(option.default))
          }
          autoComplete="off"
          spellCheck={false}
          required={option.required === true && option.default === undefined}
          onChange={(event) => {
            setText(event.target.value);
            const reading = readOptionText(option, event.target.value);
            setProblem(reading.ok ? null : reading.problem);
            props.onChange(reading.value);
          }}
        />
      )}
    </Field>
  );
}
