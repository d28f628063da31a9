import { useEffect, useRef } from 'react';
import type { ConnectorInfo, SettingsError } from '../../../../preload/api.ts';
import { placeName, sentence } from './settings-errors.ts';

/**
 * Every refused setting in one list at the top, each naming its place and moving the focus to
 * its field when chosen. It takes the focus when it appears, so a keyboard user hears it.
 */
export function ErrorSummary(props: {
  readonly errors: readonly SettingsError[];
  readonly settings: unknown;
  readonly connectors: readonly ConnectorInfo[];
}) {
  const box = useRef<HTMLDivElement>(null);
  const count = props.errors.length;
  useEffect(() => {
    if (count > 0) box.current?.focus();
  }, [count, props.errors]);
  if (count === 0) return null;
  return (
    <div
      className="error-summary notice notice--error"
      ref={box}
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-title"
    >
      <p id="error-summary-title">
        {count === 1 ? 'One setting needs attention' : `${count} settings need attention`}:
      </p>
      <ul>
        {props.errors.map((error, i) => (
          <li key={`${error.path}-${i}`}>
            <button type="button" className="link-button" onClick={() => focusField(error.path)}>
              {placeName(error.path, props.settings, props.connectors)}
            </button>
            : {sentence(error.message)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Focuses the field that edits a path, or the nearest one above it (opening "Advanced"). */
function focusField(path: string): void {
  for (let at = path; at !== ''; at = parentPath(at)) {
    const field = document.querySelector<HTMLElement>(`[data-path="${CSS.escape(at)}"]`);
    if (!field) continue;
    const details = field.closest('details');
    if (details) details.open = true;
    field.scrollIntoView({ block: 'center' });
    (field.matches('input, select, textarea, button')
      ? field
      : (field.querySelector<HTMLElement>('input, select, textarea, button') ?? field)
    ).focus();
    return;
  }
}

function parentPath(path: string): string {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut <= 0 ? '' : path.slice(0, cut);
}
