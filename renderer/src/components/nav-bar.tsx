import type { StatusAnswer } from '../../../preload/api.ts';
import { routeHref, type ViewName } from '../app/routes.ts';

const LINKS: readonly (readonly [ViewName, string])[] = [
  ['queue', 'Queue'],
  ['problems', 'Problems'],
  ['history', 'History'],
  ['settings', 'Settings'],
  ['workstations', 'Workstations'],
];

/** The views, as links; Problems carries how many recordings need attention. */
export function NavBar(props: {
  readonly current: ViewName;
  readonly status: StatusAnswer | null;
}) {
  const failed = props.status?.counts.failed ?? 0;
  return (
    <nav className="nav" aria-label="Views">
      <ul>
        {LINKS.map(([view, words]) => (
          <li key={view}>
            <a href={routeHref(view)} aria-current={props.current === view ? 'page' : undefined}>
              {words}
              {view === 'problems' && failed > 0 && (
                <>
                  <span className="badge" aria-hidden="true">
                    {failed.toLocaleString()}
                  </span>
                  <span className="visually-hidden">
                    {' '}
                    ({failed.toLocaleString()} need attention)
                  </span>
                </>
              )}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
