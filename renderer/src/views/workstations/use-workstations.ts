import { useCallback, useEffect, useRef, useState } from 'react';
import type { WorkstationRow } from '../../../../preload/api.ts';
import { messageOf } from '../../client/api-error.ts';
import type { CourierClient } from '../../client/courier-client.ts';

/** How often the table asks the workstations again. */
export const REFRESH_MS = 15_000;

/** The supervisor table as last read, the error of the last read, and a way to read it again now. */
export interface WorkstationTable {
  /** null until the first read answers. */
  readonly rows: readonly WorkstationRow[] | null;
  readonly error: string | null;
  readonly refreshing: boolean;
  refresh(): void;
}

/** Reads the supervisor table now and every REFRESH_MS; an older answer never replaces a newer one. */
export function useWorkstations(client: CourierClient): WorkstationTable {
  const [rows, setRows] = useState<readonly WorkstationRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const asked = useRef(0);
  const refresh = useCallback(() => {
    const ask = ++asked.current;
    setRefreshing(true);
    client.workstations().then(
      (answer) => {
        if (ask !== asked.current) return;
        setRows(answer);
        setError(null);
        setRefreshing(false);
      },
      (failure: unknown) => {
        if (ask !== asked.current) return;
        setError(messageOf(failure));
        setRefreshing(false);
      },
    );
  }, [client]);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      clearInterval(timer);
      asked.current += 1;
    };
  }, [refresh]);
  return { rows, error, refreshing, refresh };
}
