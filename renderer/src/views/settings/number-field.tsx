import { useState } from 'react';
import { Field } from './field.tsx';
import { numberFromText } from './option-values.ts';

/** A number setting typed as text, stored as a number (left out when emptied). */
export function NumberField(props: {
  readonly label: string;
  readonly help: string;
  readonly value: unknown;
  readonly whole: boolean;
  readonly placeholder?: string;
  readonly errors: readonly string[];
  readonly path: string;
  readonly onChange: (value: number | string | undefined) => void;
}) {
  const [text, setText] = useState(() =>
    props.value === undefined || props.value === null ? '' : String(props.value),
  );
  return (
    <Field label={props.label} help={props.help} errors={props.errors} path={props.path}>
      {(control) => (
        <input
          {...control}
          inputMode={props.whole ? 'numeric' : 'decimal'}
          value={text}
          placeholder={props.placeholder}
          onChange={(event) => {
            setText(event.target.value);
            props.onChange(numberFromText(event.target.value, props.whole));
          }}
        />
      )}
    </Field>
  );
}
