import type { SettingsError } from '../../../../preload/api.ts';
import { CheckboxField, Field } from './field.tsx';
import { NumberField } from './number-field.tsx';
import { errorsAt } from './settings-errors.ts';
import { isJsonObject, valueAt, type SettingsPath } from './settings-path.ts';

const HOURS_DEFAULTS = { minutes: 60, days: 'mon-fri', from: '09:00', to: '18:00' };

/** Alarms that catch silent failures: no new recordings in business hours, a backlog too old, low disk. */
export function AlarmsSection(props: {
  readonly settings: unknown;
  readonly errors: readonly SettingsError[];
  readonly setAt: (path: SettingsPath, value: unknown) => void;
}) {
  const { settings, errors, setAt } = props;
  const at = (...path: string[]) => valueAt(settings, ['alarms', ...path]);
  const quiet = at('noNewRecordings');
  const quietOn = quiet !== 'off';
  const hours = isJsonObject(quiet) ? quiet : {};
  const hoursText = (key: 'days' | 'from' | 'to') =>
    typeof hours[key] === 'string' ? hours[key] : '';
  const backlog = at('backlogOlderThanMinutes');
  const disk = at('lowDiskFreeBelow');
  return (
    <section className="settings-section" aria-labelledby="alarms-heading">
      <h3 id="alarms-heading">Alarms</h3>
      <CheckboxField
        label="Alarm when no new recording arrives in business hours"
        help="The recorder or PBX may have stopped. Clears itself when the next recording arrives."
        path="alarms.noNewRecordings"
        errors={errorsAt(errors, 'alarms.noNewRecordings')}
        checked={quietOn}
        onChange={(checked) => setAt(['alarms', 'noNewRecordings'], checked ? undefined : 'off')}
      />
      {quietOn && (
        <>
          <NumberField
            label="Minutes without a new recording"
            whole={false}
            placeholder={String(HOURS_DEFAULTS.minutes)}
            value={hours['minutes']}
            help="Counted in business hours only. Left empty: 60."
            errors={errorsAt(errors, 'alarms.noNewRecordings.minutes')}
            path="alarms.noNewRecordings.minutes"
            onChange={(value) => setAt(['alarms', 'noNewRecordings', 'minutes'], value)}
          />
          {(['days', 'from', 'to'] as const).map((key) => (
            <Field
              key={key}
              label={
                { days: 'Business days', from: 'Business hours from', to: 'Business hours to' }[key]
              }
              help={
                key === 'days'
                  ? 'Such as "mon-fri", "sat,sun" or "daily". Left empty: mon-fri.'
                  : `A time of day (this computer's time) as HH:MM. Left empty: ${HOURS_DEFAULTS[key]}.`
              }
              errors={errorsAt(errors, `alarms.noNewRecordings.${key}`)}
              path={`alarms.noNewRecordings.${key}`}
            >
              {(control) => (
                <input
                  {...control}
                  value={hoursText(key)}
                  placeholder={HOURS_DEFAULTS[key]}
                  spellCheck={false}
                  onChange={(event) =>
                    setAt(
                      ['alarms', 'noNewRecordings', key],
                      event.target.value.trim() === '' ? undefined : event.target.value,
                    )
                  }
                />
              )}
            </Field>
          ))}
        </>
      )}
      <NumberField
        label="Alarm when a recording waits longer than (minutes)"
        whole={false}
        placeholder="120"
        value={backlog === 'off' ? '' : backlog}
        help='The oldest recording not yet delivered. Left empty: 120. Clears itself once it is delivered. To switch it off, write "off" in the config file.'
        errors={errorsAt(errors, 'alarms.backlogOlderThanMinutes')}
        path="alarms.backlogOlderThanMinutes"
        onChange={(value) => setAt(['alarms', 'backlogOlderThanMinutes'], value)}
      />
      <Field
        label="Alarm when free disk space is below"
        help='For the drives of the watch folders and of the data folder: a size such as "2GB", a share such as "5%", or "off". Left empty: 2GB.'
        errors={errorsAt(errors, 'alarms.lowDiskFreeBelow')}
        path="alarms.lowDiskFreeBelow"
      >
        {(control) => (
          <input
            {...control}
            value={typeof disk === 'string' ? disk : ''}
            placeholder="2GB"
            spellCheck={false}
            onChange={(event) =>
              setAt(
                ['alarms', 'lowDiskFreeBelow'],
                event.target.value.trim() === '' ? undefined : event.target.value,
              )
            }
          />
        )}
      </Field>
    </section>
  );
}
