import { useCallback, useEffect, useState } from 'react';
import type { StatusAnswer } from '../../../preload/api.ts';
import { messageOf } from '../client/api-error.ts';
import type { Courier } from '../client/courier-client.ts';
import { useLinkState, useReloadOnReconnect } from './use-link-state.ts';

/** How often the status is asked again while something is being sent (the rate changes). */
const SENDING_REFRESH_MS = 2_000;
/** How often it is asked while the live link is down (events are not arriving). */
const LINK_DOWN_REFRESH_MS = 5_000;

/** What the header shows: the latest status, or why there is none. */
export interface ServiceStatus {
  readonly status: StatusAnswer | null;
  readonly error: string | null;
  readonly refresh: () => void;
}

/** The service's status: asked once, then kept current from `status` events (and re-asked while sending). */
export function useServiceStatus(courier: Courier): ServiceStatus {
  const { client, link } = courier;
  const [status, setStatus] = useState<StatusAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const linkState = useLinkState(link);

  const refresh = useCallback(() => {
    client.status().then(
      (answer) => {
        setStatus(answer);
        setError(null);
      },
      (failure: unknown) => setError(messageOf(failure)),
    );
  }, [client]);

  useEffect(() => {
    refresh();
    return client.onEvent((event) => {
      if (event.type === 'status') {
        setStatus(event.status);
        setError(null);
      }
      // An alarm came on or cleared: the status says which are on now.
      if (event.type === 'alarm') refresh();
    });
  }, [client, refresh]);
  useReloadOnReconnect(link, refresh);

  const sending = (status?.counts.uploading ?? 0) > 0;
  const linkDown = linkState === 'lost';
  useEffect(() => {
    if (!sending && !linkDown) return;
    const timer = setInterval(refresh, linkDown ? LINK_DOWN_REFRESH_MS : SENDING_REFRESH_MS);
    return () => clearInterval(timer);
  }, [sending, linkDown, refresh]);

  return { status, error, refresh };
}
