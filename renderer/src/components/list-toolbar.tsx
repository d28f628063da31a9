import { useEffect, useId, useState, type ReactNode } from 'react';

/** One choice of the status filter. */
export interface FilterChoice<T extends string> {
  readonly value: T;
  readonly label: string;
}

/** How long typing pauses before the search is sent. */
const SEARCH_DELAY_MS = 250;

/** A view's status filter and search box ("name, agent, client or call id"). */
export function ListToolbar<T extends string>(props: {
  /** The status filter; left out when the view has only one. */
  readonly filter?: {
    readonly choices: readonly FilterChoice<T>[];
    readonly value: T;
    readonly onChange: (value: T) => void;
  };
  readonly onSearch: (q: string) => void;
  readonly children?: ReactNode;
}) {
  const filterId = useId();
  const searchId = useId();
  const [typed, setTyped] = useState('');
  const { onSearch, filter } = props;
  useEffect(() => {
    const timer = setTimeout(() => onSearch(typed), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed, onSearch]);
  return (
    <div className="toolbar">
      {filter && (
        <div className="field">
          <label htmlFor={filterId}>Show</label>
          <select
            id={filterId}
            value={filter.value}
            onChange={(event) => filter.onChange(event.target.value as T)}
          >
            {filter.choices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field field--grow" role="search">
        <label htmlFor={searchId}>Search</label>
        <input
          id={searchId}
          type="search"
          value={typed}
          placeholder="File name, agent, client or call id"
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setTyped(event.target.value)}
        />
      </div>
      {props.children}
    </div>
  );
}
