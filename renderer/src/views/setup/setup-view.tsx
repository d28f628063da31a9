import { useEffect, useRef, useState, type FormEvent } from 'react';
import { routeHref } from '../../app/routes.ts';
import type { CourierClient } from '../../client/courier-client.ts';
import { TestResult } from '../settings/test-result.tsx';
import { TimeZoneList } from '../settings/time-zone-list.tsx';
import { SETUP_STEPS, stepProblems, type SetupStep } from './setup-plan.ts';
import { FolderStep, PlatformStep, SecretStep } from './setup-steps.tsx';
import { useSetup } from './use-setup.ts';

const TITLES: Readonly<Record<SetupStep, string>> = {
  folder: 'Recordings folder',
  platform: 'Platform',
  secret: 'Password',
  test: 'Test connection',
  save: 'Save',
};

/**
 * The first-run setup: the recorder's folder, the platform and its settings, the password
 * (to the keychain), a connection test, and save; then the window shows the queue.
 */
export function SetupView(props: { readonly client: CourierClient }) {
  const setup = useSetup(props.client);
  const { state } = setup;
  const [problems, setProblems] = useState<Readonly<Record<string, string>>>({});
  const index = SETUP_STEPS.indexOf(state.step);
  const next = SETUP_STEPS[index + 1];
  const previous = SETUP_STEPS[index - 1];
  const title = useRef<HTMLHeadingElement>(null);
  const shown = useRef(state.step);
  useEffect(() => {
    // A new step takes the focus, so a keyboard or screen reader user starts at its top.
    if (shown.current !== state.step) title.current?.focus();
    shown.current = state.step;
  }, [state.step]);

  const forward = (event: FormEvent) => {
    event.preventDefault();
    const found = stepProblems(state.step, state.answers, setup.connector);
    setProblems(found);
    if (Object.keys(found).length === 0 && next) setup.goTo(next);
  };
  const finish = async () => {
    if (await setup.finish()) window.location.hash = routeHref('queue');
  };

  if (state.loading || state.loadError !== null) {
    return (
      <section className="view view--form setup" aria-labelledby="setup-heading">
        <h2 id="setup-heading">Set up Call Courier</h2>
        <p
          role={state.loadError ? 'alert' : 'status'}
          className={state.loadError ? 'notice notice--error' : ''}
        >
          {state.loadError ? `The settings could not be read: ${state.loadError}` : 'Loading…'}
        </p>
      </section>
    );
  }
  return (
    <section className="view view--form setup" aria-labelledby="setup-heading">
      <h2 id="setup-heading">Set up Call Courier</h2>
      <p className="muted">Five short steps, then recordings start going to your platform.</p>
      <ol className="setup-steps">
        {SETUP_STEPS.map((step, i) => (
          <li
            key={step}
            aria-current={step === state.step ? 'step' : undefined}
            data-done={i < index || undefined}
          >
            {TITLES[step]}
          </li>
        ))}
      </ol>
      <form noValidate onSubmit={forward}>
        <h3 id="setup-step-title" ref={title} tabIndex={-1}>
          Step {index + 1} of {SETUP_STEPS.length}: {TITLES[state.step]}
        </h3>
        {state.step === 'folder' && (
          <FolderStep setup={setup} problems={problems} client={props.client} />
        )}
        {state.step === 'platform' && <PlatformStep setup={setup} problems={problems} />}
        {state.step === 'secret' && <SecretStep setup={setup} problems={problems} />}
        {state.step === 'test' && (
          <>
            <p>
              Call Courier saves these settings and signs in to{' '}
              {setup.connector?.label ?? 'the platform'} once.
            </p>
            <button type="button" onClick={() => void setup.testConnection()} disabled={state.busy}>
              Test connection
            </button>
            <TestResult result={state.test} />
          </>
        )}
        {state.step === 'save' && (
          <>
            <p>
              Recordings in <strong>{state.answers.folder}</strong> go to{' '}
              <strong>{setup.connector?.label}</strong>.
              {state.test !== undefined &&
                state.test !== 'running' &&
                !state.test.ok &&
                ' The connection test did not pass: they wait in the queue until it works.'}
            </p>
            <button
              type="button"
              className="button--primary"
              onClick={() => void finish()}
              disabled={state.busy}
            >
              {state.busy ? 'Saving…' : 'Save'}
            </button>
          </>
        )}
        {state.notice && (
          <p className="notice notice--error" role="alert">
            {state.notice}
          </p>
        )}
        <div className="form-actions">
          {previous && (
            <button
              type="button"
              onClick={() => {
                setProblems({});
                setup.goTo(previous);
              }}
              disabled={state.busy}
            >
              Back
            </button>
          )}
          {next && (
            <button type="submit" className="button--primary" disabled={state.busy}>
              Next
            </button>
          )}
        </div>
      </form>
      <TimeZoneList />
    </section>
  );
}
