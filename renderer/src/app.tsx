import { useEffect, useMemo, useRef, useState } from 'react';
import { messageOf } from './client/api-error.ts';
import type { Courier } from './client/courier-client.ts';
import { NavBar } from './components/nav-bar.tsx';
import { StatusHeader } from './components/status-header.tsx';
import { DestinationNames } from './app/destination-names.ts';
import { isFirstRun } from './app/first-run.ts';
import { useRoute, type Route } from './app/routes.ts';
import { useServiceStatus } from './app/use-service-status.ts';
import { HistoryView } from './views/history/history-view.tsx';
import { ProblemsView } from './views/problems/problems-view.tsx';
import { QueueView } from './views/queue/queue-view.tsx';
import { SettingsView } from './views/settings/settings-view.tsx';
import { SetupView } from './views/setup/setup-view.tsx';
import { WorkstationsView } from './views/workstations/workstations-view.tsx';

/**
 * The window: the status header, the views' navigation and the current view. The view follows
 * the address fragment (`#/queue`, `#/problems`, `#/settings/et`…); without one, a first run
 * (no watch folder or no destination yet) opens the guided setup, any other the queue.
 */
export function App(props: { readonly courier: Courier }) {
  const { courier } = props;
  const service = useServiceStatus(courier);
  const chosen = useRoute();
  const firstRun = useFirstRun(courier, chosen);
  const route: Route | null =
    chosen ?? (firstRun === null ? null : { view: firstRun ? 'setup' : 'queue' });
  const profiles = service.status?.profiles;
  const names = useMemo(() => new Map(profiles?.map((p) => [p.id, p.label])), [profiles]);
  const main = useRef<HTMLElement>(null);
  const shownView = useRef<string | null>(null);
  useEffect(() => {
    // Moving between views puts the focus at the top of the new one (not on the first load).
    if (route && shownView.current !== null && shownView.current !== route.view)
      main.current?.focus();
    if (route) shownView.current = route.view;
  }, [route]);

  return (
    <div className="app">
      <StatusHeader courier={courier} service={service} />
      <NavBar current={route?.view ?? 'queue'} status={service.status} />
      <main id="main" ref={main} tabIndex={-1} className="main">
        <DestinationNames value={names}>
          {route ? <CurrentView courier={courier} route={route} /> : <p role="status">Loading…</p>}
        </DestinationNames>
      </main>
    </div>
  );
}

function CurrentView(props: { readonly courier: Courier; readonly route: Route }) {
  const { courier, route } = props;
  switch (route.view) {
    case 'queue':
      return <QueueView courier={courier} />;
    case 'problems':
      return <ProblemsView courier={courier} />;
    case 'history':
      return <HistoryView courier={courier} />;
    case 'settings':
      return <SettingsView client={courier.client} />;
    case 'setup':
      return <SetupView client={courier.client} />;
    case 'workstations':
      return <WorkstationsView courier={courier} />;
  }
}

/**
 * Whether this is a first run, asked of the settings when the address names no view (null while
 * asking). If the settings cannot be read, the queue is shown (its own errors then say why).
 */
function useFirstRun(courier: Courier, chosen: Route | null): boolean | null {
  const [firstRun, setFirstRun] = useState<boolean | null>(null);
  const needed = chosen === null;
  useEffect(() => {
    if (!needed) return;
    let current = true;
    courier.client.getSettings().then(
      (settings) => current && setFirstRun(isFirstRun(settings)),
      (failure: unknown) => {
        if (!current) return;
        console.warn(`the settings could not be read: ${messageOf(failure)}`);
        setFirstRun(false);
      },
    );
    return () => {
      current = false;
    };
  }, [courier, needed]);
  return firstRun;
}
