import type { SettingsError } from '../../../../preload/api.ts';
import { Field } from './field.tsx';
import { AFTER_UPLOAD_LABELS, BACKFILL_LABELS, UPLOAD_LABELS } from './field-labels.ts';
import { NumberField } from './number-field.tsx';
import { LockedGroup } from './policy-locks.tsx';
import { ScheduleTable } from './schedule-table.tsx';
import { errorsAt } from './settings-errors.ts';
import { isJsonObject, listAt, valueAt, type SettingsPath } from './settings-path.ts';

type Action = 'keep' | 'move' | 'delete';

/** Upload options: how many at once, speed limits and timetable, stability, after-upload action. */
export function UploadSection(props: {
  readonly settings: unknown;
  readonly errors: readonly SettingsError[];
  readonly setAt: (path: SettingsPath, value: unknown) => void;
}) {
  const { settings, errors, setAt } = props;
  const upload = (key: string) => valueAt(settings, ['upload', key]);
  const after = valueAt(settings, ['upload', 'afterUpload']);
  const action: Action =
    isJsonObject(after) && (after.action === 'move' || after.action === 'delete')
      ? after.action
      : 'keep';
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const setAction = (next: Action) =>
    setAt(
      ['upload', 'afterUpload'],
      next === 'keep'
        ? undefined
        : next === 'move'
          ? { action: 'move', archiveDir: isJsonObject(after) ? text(after.archiveDir) : '' }
          : { action: 'delete', afterDays: 30 },
    );
  return (
    <section className="settings-section" aria-labelledby="upload-heading">
      <h3 id="upload-heading">Uploads</h3>
      <NumberField
        label={UPLOAD_LABELS.concurrency}
        whole
        placeholder="2"
        value={upload('concurrency')}
        help="Recordings sent at the same time, over all destinations (1 to 16). Left empty: 2."
        errors={errorsAt(errors, 'upload.concurrency')}
        path="upload.concurrency"
        onChange={(value) => setAt(['upload', 'concurrency'], value)}
      />
      <NumberField
        label={UPLOAD_LABELS.concurrencyPerDestination}
        whole
        value={upload('concurrencyPerDestination')}
        help="Left empty: the overall number."
        errors={errorsAt(errors, 'upload.concurrencyPerDestination')}
        path="upload.concurrencyPerDestination"
        onChange={(value) => setAt(['upload', 'concurrencyPerDestination'], value)}
      />
      <Field
        label={UPLOAD_LABELS.bandwidthLimit}
        help='A rate such as "2MB/s" or "256KB/s". Left empty: no limit.'
        errors={errorsAt(errors, 'upload.bandwidthLimit')}
        path="upload.bandwidthLimit"
      >
        {(control) => (
          <input
            {...control}
            value={text(upload('bandwidthLimit'))}
            placeholder="no limit"
            spellCheck={false}
            onChange={(event) =>
              setAt(
                ['upload', 'bandwidthLimit'],
                event.target.value.trim() === '' ? undefined : event.target.value,
              )
            }
          />
        )}
      </Field>
      <LockedGroup path="upload.schedule">
        <ScheduleTable
          rows={listAt(settings, ['upload', 'schedule'])}
          errors={errors}
          setAt={setAt}
          onRows={(rows) => setAt(['upload', 'schedule'], rows.length === 0 ? undefined : rows)}
        />
      </LockedGroup>
      <NumberField
        label={UPLOAD_LABELS.stableForSeconds}
        whole={false}
        placeholder="5"
        value={upload('stableForSeconds')}
        help="A recording is sent once its size and time have not changed for this long. Left empty: 5."
        errors={errorsAt(errors, 'upload.stableForSeconds')}
        path="upload.stableForSeconds"
        onChange={(value) => setAt(['upload', 'stableForSeconds'], value)}
      />
      <Field
        label={AFTER_UPLOAD_LABELS.action}
        help="What happens to a recording once the platform has confirmed it."
        errors={errorsAt(errors, 'upload.afterUpload')}
        path="upload.afterUpload"
      >
        {(control) => (
          <select
            {...control}
            value={action}
            onChange={(event) => setAction(event.target.value as Action)}
          >
            <option value="keep">Keep it where it is</option>
            <option value="move">Move it to an archive folder</option>
            <option value="delete">Delete it after some days</option>
          </select>
        )}
      </Field>
      {action === 'move' && (
        <Field
          label={AFTER_UPLOAD_LABELS.archiveDir}
          errors={errorsAt(errors, 'upload.afterUpload.archiveDir')}
          path="upload.afterUpload.archiveDir"
        >
          {(control) => (
            <input
              {...control}
              value={isJsonObject(after) ? text(after.archiveDir) : ''}
              spellCheck={false}
              onChange={(event) =>
                setAt(['upload', 'afterUpload', 'archiveDir'], event.target.value)
              }
            />
          )}
        </Field>
      )}
      {action === 'delete' && (
        <NumberField
          label={AFTER_UPLOAD_LABELS.afterDays}
          whole
          value={isJsonObject(after) ? after.afterDays : undefined}
          help="Days after delivery. Left empty: 30."
          errors={errorsAt(errors, 'upload.afterUpload.afterDays')}
          path="upload.afterUpload.afterDays"
          onChange={(value) => setAt(['upload', 'afterUpload', 'afterDays'], value)}
        />
      )}
      <Field
        label={BACKFILL_LABELS.since}
        help="Recordings already in the folders from before this date are not sent. Left empty: all are."
        errors={errorsAt(errors, 'backfill.since')}
        path="backfill.since"
      >
        {(control) => (
          <input
            {...control}
            type="date"
            value={text(valueAt(settings, ['backfill', 'since']))}
            onChange={(event) =>
              setAt(
                ['backfill', 'since'],
                event.target.value === '' ? undefined : event.target.value,
              )
            }
          />
        )}
      </Field>
    </section>
  );
}
