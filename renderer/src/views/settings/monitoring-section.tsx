import { useEffect, useState } from 'react';
import type { MonitoringInfo, SettingsError } from '../../../../preload/api.ts';
import { messageOf } from '../../client/api-error.ts';
import type { CourierClient } from '../../client/courier-client.ts';
import { CheckboxField, Field } from './field.tsx';
import { errorsAt } from './settings-errors.ts';
import { valueAt, type SettingsPath } from './settings-path.ts';

/** The monitoring info as the service has it now, asked again after every save. */
function useMonitoringInfo(client: CourierClient, saved: unknown) {
  const [info, setInfo] = useState<MonitoringInfo | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const savedText = JSON.stringify(valueAt(saved, ['monitoring']) ?? null);
  useEffect(() => {
    let current = true;
    client.monitoring().then(
      (answer) => current && (setInfo(answer), setProblem(null)),
      (failure: unknown) => current && setProblem(messageOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [client, savedText]);
  return { info, problem };
}

/**
 * "Allow supervisor monitoring": the service also listens on the network, where supervisors and
 * Prometheus read status and metrics with the monitor token. Applies when saved; then shows the
 * addresses to use and the monitor token, with a copy button.
 */
export function MonitoringSection(props: {
  readonly client: CourierClient;
  readonly settings: unknown;
  readonly saved: unknown;
  readonly errors: readonly SettingsError[];
  readonly setAt: (path: SettingsPath, value: unknown) => void;
}) {
  const { settings, errors, setAt } = props;
  const { info, problem } = useMonitoringInfo(props.client, props.saved);
  const [copied, setCopied] = useState<string | null>(null);
  const enabled = valueAt(settings, ['monitoring', 'enabled']) === true;
  const text = (key: string) => {
    const value = valueAt(settings, ['monitoring', key]);
    return typeof value === 'string' ? value : '';
  };
  const setText = (key: string, value: string) =>
    setAt(['monitoring', key], value.trim() === '' ? undefined : value);
  const copy = (token: string) => {
    navigator.clipboard.writeText(token).then(
      () => setCopied('Copied.'),
      () => setCopied('Could not copy: select the token and copy it by hand.'),
    );
  };
  return (
    <section className="settings-section" aria-labelledby="monitoring-heading">
      <h3 id="monitoring-heading">Supervisor monitoring</h3>
      <CheckboxField
        label="Allow supervisor monitoring"
        help="Supervisors and Prometheus on your network can then read this computer's status, recordings and metrics with the read-only monitor token. They cannot change anything. Applies when saved."
        checked={enabled}
        errors={errorsAt(errors, 'monitoring.enabled')}
        path="monitoring.enabled"
        onChange={(checked) => setAt(['monitoring', 'enabled'], checked)}
      />
      {enabled && (
        <>
          <Field
            label="Listen on"
            help="HOST:PORT. Left empty: 0.0.0.0:8490 (every network of this computer, port 8490). Open this port in the firewall for the supervisors' computers."
            errors={errorsAt(errors, 'monitoring.listen')}
            path="monitoring.listen"
          >
            {(control) => (
              <input
                {...control}
                value={text('listen')}
                placeholder="0.0.0.0:8490"
                spellCheck={false}
                onChange={(event) => setText('listen', event.target.value)}
              />
            )}
          </Field>
          <Field
            label="HTTPS certificate file"
            help="Recommended: a PEM certificate for this computer's name or address, from your IT. Left empty: plain HTTP, not encrypted."
            errors={errorsAt(errors, 'monitoring.tlsCertificate')}
            path="monitoring.tlsCertificate"
          >
            {(control) => (
              <input
                {...control}
                value={text('tlsCertificate')}
                placeholder="/path/to/certificate.pem"
                spellCheck={false}
                onChange={(event) => setText('tlsCertificate', event.target.value)}
              />
            )}
          </Field>
          <Field
            label="HTTPS key file"
            help="The certificate's private key (PEM, without a passphrase)."
            errors={errorsAt(errors, 'monitoring.tlsKey')}
            path="monitoring.tlsKey"
          >
            {(control) => (
              <input
                {...control}
                value={text('tlsKey')}
                placeholder="/path/to/key.pem"
                spellCheck={false}
                onChange={(event) => setText('tlsKey', event.target.value)}
              />
            )}
          </Field>
        </>
      )}
      {problem && (
        <p className="notice notice--error" role="alert">
          The monitoring state could not be read: {problem}
        </p>
      )}
      {info?.problem && (
        <p className="notice notice--error" role="alert">
          {info.problem}
        </p>
      )}
      {info?.listening && (
        <div className="monitoring-info" aria-label="How supervisors reach this computer">
          <p>
            {info.secure ? 'Listening over HTTPS at' : 'Listening over plain HTTP at'}{' '}
            {info.addresses.length === 0
              ? 'no network address yet (this computer has no network connection)'
              : ''}
          </p>
          <ul className="monitoring-addresses">
            {info.addresses.map((address) => (
              <li key={address}>
                <code>{address}</code>
              </li>
            ))}
          </ul>
          <p>
            Monitor token (read-only): <code className="monitoring-token">{info.monitorToken}</code>{' '}
            <button type="button" onClick={() => copy(info.monitorToken)}>
              Copy monitor token
            </button>{' '}
            <span role="status" aria-live="polite" className="muted">
              {copied ?? ''}
            </span>
          </p>
        </div>
      )}
    </section>
  );
}
