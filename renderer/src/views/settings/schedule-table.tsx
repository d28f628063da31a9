import type { SettingsError } from '../../../../preload/api.ts';
import { FieldErrors } from './field.tsx';
import { SCHEDULE_LABELS, UPLOAD_LABELS } from './field-labels.ts';
import { errorsAt } from './settings-errors.ts';
import { isJsonObject, type SettingsPath } from './settings-path.ts';

const PATH = 'upload.schedule';

/** The upload timetable: rows of days and hours with their own speed limit, or no sending. */
export function ScheduleTable(props: {
  readonly rows: readonly unknown[];
  readonly errors: readonly SettingsError[];
  readonly setAt: (path: SettingsPath, value: unknown) => void;
  readonly onRows: (rows: readonly unknown[]) => void;
}) {
  const text = (row: unknown, key: string): string =>
    isJsonObject(row) && typeof row[key] === 'string' ? (row[key] as string) : '';
  const cell = (index: number, key: keyof typeof SCHEDULE_LABELS) => ({
    path: `${PATH}[${index}].${key}`,
    label: `${SCHEDULE_LABELS[key]}, row ${index + 1}`,
    errors: errorsAt(props.errors, `${PATH}[${index}].${key}`),
  });
  const set = (index: number, key: string, value: unknown) =>
    props.setAt(['upload', 'schedule', index, key], value);
  return (
    <fieldset className="schedule" data-path={PATH}>
      <legend>{UPLOAD_LABELS.schedule}</legend>
      <p className="muted">
        Windows with their own speed limit, e.g. slower in office hours. Days: mon-fri, sat,sun or
        daily. Outside every window the speed limit above applies.
      </p>
      {props.rows.length > 0 && (
        <div className="schedule-row schedule-row--head" aria-hidden="true">
          {Object.values(SCHEDULE_LABELS).map((label) => (
            <span key={label}>{label}</span>
          ))}
        </div>
      )}
      {props.rows.map((row, index) => {
        const days = cell(index, 'days');
        const from = cell(index, 'from');
        const to = cell(index, 'to');
        const limit = cell(index, 'bandwidthLimit');
        const paused = cell(index, 'paused');
        const errors = [days, from, to, limit, paused].flatMap((c) => c.errors);
        return (
          <div className="schedule-row" key={index}>
            <label>
              <span className="visually-hidden">{days.label}</span>
              <input
                value={text(row, 'days')}
                placeholder="daily"
                aria-invalid={days.errors.length > 0 || undefined}
                data-path={days.path}
                onChange={(event) =>
                  set(
                    index,
                    'days',
                    event.target.value.trim() === '' ? undefined : event.target.value,
                  )
                }
              />
            </label>
            <label>
              <span className="visually-hidden">{from.label}</span>
              <input
                type="time"
                value={text(row, 'from')}
                aria-invalid={from.errors.length > 0 || undefined}
                data-path={from.path}
                onChange={(event) => set(index, 'from', event.target.value)}
              />
            </label>
            <label>
              <span className="visually-hidden">{to.label}</span>
              <input
                type="time"
                value={text(row, 'to')}
                aria-invalid={to.errors.length > 0 || undefined}
                data-path={to.path}
                onChange={(event) => set(index, 'to', event.target.value)}
              />
            </label>
            <label>
              <span className="visually-hidden">{limit.label}</span>
              <input
                value={text(row, 'bandwidthLimit')}
                placeholder="no limit"
                aria-invalid={limit.errors.length > 0 || undefined}
                data-path={limit.path}
                onChange={(event) =>
                  set(
                    index,
                    'bandwidthLimit',
                    event.target.value.trim() === '' ? undefined : event.target.value,
                  )
                }
              />
            </label>
            <label className="field__check">
              <input
                type="checkbox"
                checked={isJsonObject(row) && row.paused === true}
                data-path={paused.path}
                onChange={(event) => set(index, 'paused', event.target.checked || undefined)}
              />
              <span>{SCHEDULE_LABELS.paused}</span>
              <span className="visually-hidden">, row {index + 1}</span>
            </label>
            <button
              type="button"
              onClick={() => props.onRows(props.rows.filter((_, i) => i !== index))}
            >
              Remove<span className="visually-hidden"> timetable row {index + 1}</span>
            </button>
            <FieldErrors id={`schedule-${index}-error`} errors={errors} />
          </div>
        );
      })}
      <button
        type="button"
        onClick={() =>
          props.onRows([
            ...props.rows,
            { days: 'mon-fri', from: '08:00', to: '18:00', bandwidthLimit: '1MB/s' },
          ])
        }
      >
        Add a time window
      </button>
      <FieldErrors id="schedule-error" errors={errorsAt(props.errors, PATH)} />
    </fieldset>
  );
}
