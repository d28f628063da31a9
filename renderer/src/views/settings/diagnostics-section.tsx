import { useState } from 'react';
import type { DesktopExtras } from '../../../../preload/desktop-api.ts';
import { messageOf } from '../../client/api-error.ts';
import { saveFile, type DiagnosticsAbility } from '../../client/diagnostics-download.ts';

type DiagnosticsClient = DiagnosticsAbility & Partial<Pick<DesktopExtras, 'saveDiagnostics'>>;

/**
 * "Download diagnostics": one .zip of the settings, queue statistics, failed recordings and
 * recent logs, secrets removed, to attach to an email. The desktop app asks where to save it;
 * a browser downloads it. Shown where the service can make it.
 */
export function DiagnosticsSection(props: { readonly client: object }) {
  const { diagnostics, saveDiagnostics } = props.client as DiagnosticsClient;
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async (): Promise<string | null> => {
    if (typeof saveDiagnostics === 'function') {
      const path = await saveDiagnostics.call(props.client);
      return path === null ? null : `Saved as ${path}.`;
    }
    if (typeof diagnostics !== 'function') return null;
    const file = await diagnostics.call(props.client);
    saveFile(file);
    return `Saved as ${file.fileName}.`;
  };
  if (typeof diagnostics !== 'function' && typeof saveDiagnostics !== 'function') return null;
  const download = () => {
    setBusy(true);
    setNotice(null);
    save()
      .then(
        (text) => setNotice(text === null ? null : { ok: true, text }),
        (failure: unknown) => setNotice({ ok: false, text: messageOf(failure) }),
      )
      .finally(() => setBusy(false));
  };
  return (
    <section className="settings-section" aria-labelledby="diagnostics-heading">
      <h3 id="diagnostics-heading">Diagnostics</h3>
      <p>
        A .zip file of the settings, the queue’s figures, the recordings that failed and the recent
        logs, to attach to an email when asking for help. Passwords and keys are not in it; with
        “Mask client phone numbers” on, neither are whole client numbers.
      </p>
      <button type="button" onClick={download} disabled={busy}>
        Download diagnostics
      </button>
      {notice && (
        <p role="status" className={`notice notice--${notice.ok ? 'ok' : 'error'}`}>
          {notice.text}
        </p>
      )}
    </section>
  );
}
