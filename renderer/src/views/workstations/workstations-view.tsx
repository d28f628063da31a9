import { useState } from 'react';
import type { WorkstationRow } from '../../../../preload/api.ts';
import { messageOf } from '../../client/api-error.ts';
import type { Courier } from '../../client/courier-client.ts';
import { useNow } from '../../app/use-now.ts';
import { AddWorkstationForm } from './add-workstation-form.tsx';
import { useWorkstations } from './use-workstations.ts';
import { WorkstationTable } from './workstation-table.tsx';

/**
 * Workstations (the supervisor view): other Call Courier instances this one watches through
 * their read-only monitor tokens, one row each, asked again every 15 seconds.
 */
export function WorkstationsView(props: { readonly courier: Courier }) {
  const { client } = props.courier;
  const table = useWorkstations(client);
  const now = useNow(15_000);
  const [removing, setRemoving] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const remove = (row: WorkstationRow) => {
    setRemoving(row.id);
    setRemoveError(null);
    client.removeWorkstation(row.id).then(
      () => {
        setRemoving(null);
        setSaid(`${row.label} is no longer watched.`);
        table.refresh();
      },
      (failure: unknown) => {
        setRemoving(null);
        setRemoveError(messageOf(failure));
      },
    );
  };

  return (
    <section className="view view--form workstations-view" aria-labelledby="workstations-heading">
      <h2 id="workstations-heading" tabIndex={-1}>
        Workstations
      </h2>
      <p>
        Other computers running Call Courier, watched with their read-only monitor tokens. Open a
        workstation&rsquo;s own window from its name to retry or skip its recordings there.
      </p>
      <div className="toolbar">
        <button type="button" onClick={table.refresh} disabled={table.refreshing}>
          {table.refreshing ? 'Asking…' : 'Ask again now'}
        </button>
        <span role="status" className="muted">
          {said}
        </span>
      </div>
      {table.error !== null && (
        <p role="alert" className="notice notice--error">
          {table.error}
        </p>
      )}
      {removeError !== null && (
        <p role="alert" className="notice notice--error">
          {removeError}
        </p>
      )}
      {table.rows === null ? (
        table.error === null && <p role="status">Asking the workstations…</p>
      ) : table.rows.length === 0 ? (
        <p className="muted">No workstation is watched yet: add one below.</p>
      ) : (
        <WorkstationTable rows={table.rows} now={now} removing={removing} onRemove={remove} />
      )}
      <AddWorkstationForm
        client={client}
        onAdded={(label) => {
          setSaid(`${label} is now watched.`);
          table.refresh();
        }}
      />
    </section>
  );
}
