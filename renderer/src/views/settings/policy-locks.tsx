import { createContext, useContext, useId, type ReactNode } from 'react';
import type { LockedSetting } from '../../../../preload/api.ts';

/** The settings the machine policy locks, for every field below to find its own. */
export const PolicyLocks = createContext<readonly LockedSetting[]>([]);

/** The id of a lock notice shown above, for the fields of a locked part not to repeat it. */
export const LockShownAbove = createContext<string | null>(null);

/** The lock on a settings path ("upload.bandwidthLimit", "profiles[0].id"), if it or a parent is locked. */
export function lockAt(
  locks: readonly LockedSetting[],
  path: string | undefined,
): LockedSetting | undefined {
  if (path === undefined) return undefined;
  return locks.find(
    (lock) =>
      path === lock.path || path.startsWith(`${lock.path}.`) || path.startsWith(`${lock.path}[`),
  );
}

/** The lock on a settings path, from the locks the settings view was given. */
export function useLock(path: string | undefined): LockedSetting | undefined {
  return lockAt(useContext(PolicyLocks), path);
}

/** Why a setting is read-only, said under it. */
export function LockNotice(props: { readonly id?: string; readonly lock: LockedSetting }) {
  return (
    <p id={props.id} className="field__lock notice">
      Locked by your organisation&apos;s policy: {props.lock.reason}
    </p>
  );
}

/**
 * A whole part of the settings (folders, destinations, the timetable), read-only with its reason
 * when the policy locks it. `disable` greys out every control inside at once; `fields` leaves
 * that to each field (so that secrets, which no policy locks, can still be typed) and the part's
 * own add and remove buttons, which ask useLock.
 */
export function LockedGroup(props: {
  readonly path: string;
  readonly mode?: 'disable' | 'fields';
  readonly children: ReactNode;
}) {
  const lock = useLock(props.path);
  const noticeId = useId();
  if (lock === undefined) return <>{props.children}</>;
  if (props.mode === 'fields') {
    return (
      <div className="locked-group" data-locked={props.path}>
        <LockNotice id={noticeId} lock={lock} />
        <LockShownAbove.Provider value={noticeId}>{props.children}</LockShownAbove.Provider>
      </div>
    );
  }
  return (
    <fieldset disabled className="locked-group" data-locked={props.path}>
      <LockNotice id={noticeId} lock={lock} />
      <PolicyLocks.Provider value={[]}>{props.children}</PolicyLocks.Provider>
    </fieldset>
  );
}
