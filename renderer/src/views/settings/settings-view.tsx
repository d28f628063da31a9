import { useState, type FormEvent } from 'react';
import { useRoute } from '../../app/routes.ts';
import type { CourierClient } from '../../client/courier-client.ts';
import { ErrorSummary } from './error-summary.tsx';
import { FoldersSection } from './folders-section.tsx';
import { ProfilesSection } from './profiles-section.tsx';
import { StartAtLogin } from './start-at-login.tsx';
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
        <FoldersSection client={props.client} editor={editor} onProblem={setProblem} />
        <ProfilesSection
          editor={editor}
          focusId={route?.view === 'settings' ? route.param : undefined}
        />
        <UploadSection settings={state.draft} errors={state.errors} setAt={editor.setAt} />
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
      <TimeZoneList />
    </section>
  );
}
