import { useId, useState, type FormEvent } from 'react';
import type { NewWorkstation } from '../../../../preload/api.ts';
import { messageOf } from '../../client/api-error.ts';
import type { CourierClient } from '../../client/courier-client.ts';

const EMPTY = { label: '', address: '', monitorToken: '', caCertificate: '' };

/**
 * Adds a workstation: its name, its address and its monitor token (kept in this computer's
 * keychain, never shown again); for an https address signed by a company authority, that
 * authority's certificate file.
 */
export function AddWorkstationForm(props: {
  readonly client: CourierClient;
  readonly onAdded: (label: string) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (field: keyof typeof EMPTY) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const workstation: NewWorkstation = {
      label: draft.label.trim(),
      address: draft.address.trim(),
      monitorToken: draft.monitorToken.trim(),
      ...(draft.caCertificate.trim() !== '' && { caCertificate: draft.caCertificate.trim() }),
    };
    setBusy(true);
    setError(null);
    props.client.addWorkstation(workstation).then(
      (added) => {
        setBusy(false);
        setDraft(EMPTY);
        props.onAdded(added.label);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(messageOf(failure));
      },
    );
  };

  return (
    <form onSubmit={submit} aria-labelledby={`${id}-title`} className="add-workstation">
      <h3 id={`${id}-title`}>Add a workstation</h3>
      <div className="field">
        <label htmlFor={`${id}-label`}>Name</label>
        <input
          id={`${id}-label`}
          value={draft.label}
          required
          maxLength={100}
          placeholder="Agent 7 (front desk)"
          onChange={(e) => set('label')(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-address`}>Address</label>
        <input
          id={`${id}-address`}
          value={draft.address}
          required
          inputMode="url"
          placeholder="http://192.168.1.20:8490"
          aria-describedby={`${id}-address-help`}
          onChange={(e) => set('address')(e.target.value)}
        />
        <p id={`${id}-address-help`} className="field__help muted">
          Where that workstation listens on the network: its &ldquo;Allow supervisor
          monitoring&rdquo; setting shows it.
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-token`}>Monitor token</label>
        <input
          id={`${id}-token`}
          type="password"
          autoComplete="off"
          value={draft.monitorToken}
          required
          aria-describedby={`${id}-token-help`}
          onChange={(e) => set('monitorToken')(e.target.value)}
        />
        <p id={`${id}-token-help`} className="field__help muted">
          The read-only token of that workstation (its monitor-token file). It is kept in this
          computer&rsquo;s keychain and never shown again.
        </p>
      </div>
      <details className="advanced">
        <summary>HTTPS with your company&rsquo;s own certificate</summary>
        <div className="field">
          <label htmlFor={`${id}-ca`}>CA certificate file</label>
          <input
            id={`${id}-ca`}
            value={draft.caCertificate}
            placeholder="/etc/call-courier/company-ca.pem"
            onChange={(e) => set('caCertificate')(e.target.value)}
          />
        </div>
      </details>
      {error !== null && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button--primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add workstation'}
        </button>
      </div>
    </form>
  );
}
