import type { SettingsError } from '../../../../preload/api.ts';
import { CheckboxField } from './field.tsx';
import { errorsAt } from './settings-errors.ts';
import { valueAt, type SettingsPath } from './settings-path.ts';

/** Privacy: whether client phone numbers are shown whole to the people who watch this window. */
export function PrivacySection(props: {
  readonly settings: unknown;
  readonly errors: readonly SettingsError[];
  readonly setAt: (path: SettingsPath, value: unknown) => void;
}) {
  const masked = valueAt(props.settings, ['privacy', 'maskPhoneNumbers']) === true;
  return (
    <section className="settings-section" aria-labelledby="privacy-heading">
      <h3 id="privacy-heading">Privacy</h3>
      <CheckboxField
        label="Mask client phone numbers"
        help="Show only the last four digits (••••••0499) in this window, the API, the logs and diagnostics. Platforms still receive the whole number."
        path="privacy.maskPhoneNumbers"
        errors={errorsAt(props.errors, 'privacy.maskPhoneNumbers')}
        checked={masked}
        onChange={(checked) =>
          props.setAt(['privacy'], checked ? { maskPhoneNumbers: true } : undefined)
        }
      />
    </section>
  );
}
