import { useEffect, useState } from 'react';
import type { DesktopExtras } from '../../../../preload/desktop-api.ts';
import { messageOf } from '../../client/api-error.ts';
import { CheckboxField } from './field.tsx';

type LoginSetting = Partial<Pick<DesktopExtras, 'getStartAtLogin' | 'setStartAtLogin'>>;

/**
 * "Start Call Courier when I log in", in the desktop app only (a browser has no such setting).
 * It applies at once: it is the computer's setting, not part of the saved settings.
 */
export function StartAtLogin(props: { readonly client: object }) {
  const { getStartAtLogin, setStartAtLogin } = props.client as LoginSetting;
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (typeof getStartAtLogin !== 'function') return;
    let current = true;
    getStartAtLogin.call(props.client).then(
      (value) => current && setEnabled(value),
      (failure: unknown) => current && setProblem(messageOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [props.client, getStartAtLogin]);
  if (typeof getStartAtLogin !== 'function' || typeof setStartAtLogin !== 'function') return null;
  return (
    <section className="settings-section" aria-labelledby="desktop-heading">
      <h3 id="desktop-heading">This computer</h3>
      <CheckboxField
        label="Start Call Courier when I log in"
        help="It starts hidden, in the tray. This applies at once."
        checked={enabled === true}
        disabled={enabled === null}
        errors={problem ? [problem] : []}
        onChange={(checked) => {
          setEnabled(checked);
          setStartAtLogin.call(props.client, checked).then(
            () => setProblem(null),
            (failure: unknown) => {
              setEnabled(!checked);
              setProblem(messageOf(failure));
            },
          );
        }}
      />
    </section>
  );
}
