import { useId, useState } from 'react';
import { FieldErrors } from './field.tsx';
import { mapFromRows, mapRows, type MapRow } from './option-values.ts';

/** A map option (HTTP headers, form fields): rows of a name and its text, added and removed. */
export function MapField(props: {
  readonly label: string;
  readonly help: string;
  readonly errors: readonly string[];
  readonly path: string;
  readonly value: unknown;
  readonly onChange: (value: unknown) => void;
}) {
  const id = useId();
  const [rows, setRows] = useState<readonly MapRow[]>(() => mapRows(props.value));
  const change = (next: readonly MapRow[]) => {
    setRows(next);
    props.onChange(mapFromRows(next));
  };
  const edit = (index: number, row: MapRow) => change(rows.map((r, i) => (i === index ? row : r)));
  return (
    <fieldset
      className="field field--map"
      aria-describedby={`${id}-help${props.errors.length > 0 ? ` ${id}-error` : ''}`}
      data-path={props.path}
    >
      <legend>{props.label}</legend>
      {rows.map((row, index) => (
        <div className="map-row" key={index}>
          <label>
            <span className="visually-hidden">
              {props.label} {index + 1}: name
            </span>
            <input
              value={row.name}
              placeholder="Name"
              spellCheck={false}
              onChange={(event) => edit(index, { ...row, name: event.target.value })}
            />
          </label>
          <label>
            <span className="visually-hidden">
              {props.label} {index + 1}: value
            </span>
            <input
              value={row.value}
              placeholder="Value"
              spellCheck={false}
              onChange={(event) => edit(index, { ...row, value: event.target.value })}
            />
          </label>
          <button type="button" onClick={() => change(rows.filter((_, i) => i !== index))}>
            Remove<span className="visually-hidden"> {row.name || `row ${index + 1}`}</span>
          </button>
        </div>
      ))}
      <button type="button" onClick={() => change([...rows, { name: '', value: '' }])}>
        Add a row<span className="visually-hidden"> to {props.label}</span>
      </button>
      <FieldErrors id={`${id}-error`} errors={props.errors} />
      <p id={`${id}-help`} className="field__help muted">
        {props.help}
      </p>
    </fieldset>
  );
}
