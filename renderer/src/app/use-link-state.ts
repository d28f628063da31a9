import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { LinkMonitor } from '../client/courier-client.ts';
import type { LinkState } from '../client/event-link.ts';

/** The live link's state, re-rendering when it changes. */
export function useLinkState(link: LinkMonitor): LinkState {
  return useSyncExternalStore(
    (onChange) => link.onState(onChange),
    () => link.state,
  );
}

/** Calls `reload` each time the live link comes back after a loss (events may have been missed). */
export function useReloadOnReconnect(link: LinkMonitor, reload: () => void): void {
  const reloadRef = useRef(reload);
  useEffect(() => {
    reloadRef.current = reload;
  });
  useEffect(() => {
    let wasLost = link.state === 'lost';
    return link.onState((state) => {
      if (state === 'lost') wasLost = true;
      if (state === 'connected' && wasLost) {
        wasLost = false;
        reloadRef.current();
      }
    });
  }, [link]);
}
