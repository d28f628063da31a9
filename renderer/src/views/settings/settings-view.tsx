import { useState, type FormEvent } from 'react';
import { useRoute } from '../../app/routes.ts';
import type { CourierClient } from '../../client/courier-client.ts';
import { AlarmsSection } from './alarms-section.tsx';
import { ErrorSummary } from './error-summary.tsx';
import { FoldersSection } from './folders-section.tsx';
import { LockedGroup, PolicyLocks } from './policy-locks.tsx';
import { MonitoringSection } from './monitoring-section.tsx';
import { ProfilesSection } from './profiles-section.tsx';
import { StartAtLogin } from './start-at-login.tsx';
import { DiagnosticsSection } from './diagnostics-section.tsx';
import { PrivacySection } from './privacy-section.tsx';
import { TimeZoneList } from './time-zone-list.tsx';
import { UploadSection } from './upload-section.tsx';
import { useSettingsEditor } from './use-settings-editor.ts';

/**
 * The settings: watch folders, destinations and upload options, edited as a draft and saved at
 * once. Every refused value is shown next to its field and listed at the top; settings this
 * window does not know are kept as they are. `#/settings/<id>` opens at that destination.
 */
export function SettingsView(props: { readonly client: CourierClient }) {
  const editor = useSettingsEditor(props.client);
  const route = useRoute();
  const [problem, setProblem] = useState<string | null>(null);
  const { state } = editor;
  const dirty =
    JSON.stringify(state.draft) !== JSON.stringify(state.saved) ||
    Object.values(state.pending).some((fields) => Object.values(fields).some((v) => v !== ''));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void editor.save();
  };

  if (state.loading) {
    return (
      <section className="view view--form">
        <h2 id="settings-heading">Settings</h2>
        <p role="status">Loading the settings…</p>
      </section>
    );
  }
  if (state.loadError !== null) {
    return (
      <section className="view view--form">
        <h2 id="settings-heading">Settings</h2>
        <p className="notice notice--error" role="alert">
          The settings could not be read: {state.loadError}
        </p>
      </section>
    );
  }
  return (
    <section className="view view--form settings">
      <h2 id="settings-heading">Settings</h2>
      <form noValidate onSubmit={submit}>
        <ErrorSummary errors={state.errors} settings={state.draft} connectors={state.connectors} />
        {problem && (
          <p className="notice notice--error" role="alert">
            {problem}
          </p>
        )}
        <PolicyLocks.Provider value={state.locks}>
          <LockedGroup path="watch">
            <FoldersSection client={props.client} editor={editor} onProblem={setProblem} />
          </LockedGroup>
          <LockedGroup path="profiles" mode="fields">
            <ProfilesSection
              editor={editor}
              focusId={route?.view === 'settings' ? route.param : undefined}
            />
          </LockedGroup>
          {/* Each upload field finds its own lock (the section also holds "backfill"). */}
          <UploadSection settings={state.draft} errors={state.errors} setAt={editor.setAt} />
          <LockedGroup path="alarms">
            <AlarmsSection settings={state.draft} errors={state.errors} setAt={editor.setAt} />
          </LockedGroup>
          <LockedGroup path="monitoring">
            <MonitoringSection
              client={props.client}
              settings={state.draft}
              saved={state.saved}
              errors={state.errors}
              setAt={editor.setAt}
            />
          </LockedGroup>
          <LockedGroup path="privacy">
            <PrivacySection settings={state.draft} errors={state.errors} setAt={editor.setAt} />
          </LockedGroup>
        </PolicyLocks.Provider>
        <StartAtLogin client={props.client} />
        <div className="form-actions">
          <button type="submit" className="button--primary" disabled={state.saving}>
            {state.saving ? 'Saving…' : 'Save'}
          </button>
          <span
            role="status"
            aria-live="polite"
            className={
              state.notice
                ? `notice notice--${state.notice.kind === 'ok' ? 'ok' : 'error'}`
                : 'muted'
            }
          >
            {state.notice?.text ?? (dirty ? 'Not saved yet.' : '')}
          </span>
        </div>
      </form>
      <DiagnosticsSection client={props.client} />
      <TimeZoneList />
    </section>
  );
}
