import type { WorkstationRow } from '../../../../preload/api.ts';
import { formatDateTime, formatRelative } from '../../format/times.ts';
import { formatAge, HEALTH_WORDS, safeLink } from './health-words.ts';

/**
 * One row per watched workstation: its name linking to its own window, health, backlog (with
 * how long the oldest has waited), failures, last delivery and what is wrong. Everything a
 * workstation says is shown as text.
 */
export function WorkstationTable(props: {
  readonly rows: readonly WorkstationRow[];
  readonly now: number;
  readonly removing: string | null;
  readonly onRemove: (row: WorkstationRow) => void;
}) {
  return (
    <div className="workstations-scroller">
      <table className="workstations">
        <caption className="visually-hidden">Watched workstations</caption>
        <thead>
          <tr>
            <th scope="col">Workstation</th>
            <th scope="col">Health</th>
            <th scope="col">Backlog</th>
            <th scope="col">Failed</th>
            <th scope="col">Last delivery</th>
            <th scope="col">What is wrong</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.id} data-workstation={row.id} data-health={row.health}>
              <th scope="row">
                <WorkstationName row={row} />
              </th>
              <td>
                <span className="health" data-health={row.health}>
                  {HEALTH_WORDS[row.health]}
                </span>
              </td>
              <td className="number" data-column="backlog">
                {row.backlog === null ? '–' : row.backlog.toLocaleString()}
                {row.oldestWaitingSeconds !== null && (
                  <span className="muted"> (oldest {formatAge(row.oldestWaitingSeconds)})</span>
                )}
              </td>
              <td className="number" data-column="failed">
                {row.failed === null ? '–' : row.failed.toLocaleString()}
              </td>
              <td data-column="last-delivery">
                {row.lastDeliveryAt === null ? (
                  <span className="muted">{row.backlog === null ? '–' : 'none yet'}</span>
                ) : (
                  <time dateTime={row.lastDeliveryAt} title={formatDateTime(row.lastDeliveryAt)}>
                    {formatRelative(row.lastDeliveryAt, props.now)}
                  </time>
                )}
              </td>
              <td data-column="problem">{row.problem ?? ''}</td>
              <td>
                <button
                  type="button"
                  className="button--danger"
                  disabled={props.removing === row.id}
                  onClick={() => props.onRemove(row)}
                >
                  Remove<span className="visually-hidden"> {row.label}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The workstation's label, linking to its own window in a new tab (where its own token is asked). */
function WorkstationName(props: { readonly row: WorkstationRow }) {
  const link = safeLink(props.row.address);
  return (
    <>
      {link === null ? (
        props.row.label
      ) : (
        <a href={link} target="_blank" rel="noopener noreferrer">
          {props.row.label}
        </a>
      )}
      <span className="workstation-address muted">{props.row.address}</span>
    </>
  );
}
