import { useState } from 'react';
import type { RecordingItem } from '../../../../preload/api.ts';
import { messageOf } from '../../client/api-error.ts';
import type { Courier } from '../../client/courier-client.ts';
import { useDestinationName } from '../../app/destination-names.ts';
import { routeHref } from '../../app/routes.ts';

/** The actions for one failed recording: Retry, Skip, Show file, and its destination's settings. */
export function ProblemActions(props: {
  readonly courier: Courier;
  readonly item: RecordingItem;
  /** Leaves a line next to the recording (null clears it). */
  readonly onNote: (id: number, text: string | null) => void;
}) {
  const { courier, item, onNote } = props;
  const [busy, setBusy] = useState(false);
  const destination = useDestinationName(item.destination);
  const act = (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    onNote(item.id, null);
    action()
      .then(
        () => onNote(item.id, done),
        (failure: unknown) => onNote(item.id, messageOf(failure)),
      )
      .finally(() => setBusy(false));
  };
  return (
    <div role="cell" className="cell cell--actions">
      <button
        type="button"
        disabled={busy}
        onClick={() => act(() => courier.client.retry(item.id), 'On its way again.')}
      >
        Retry
      </button>
      <button
        type="button"
        disabled={busy}
        onClick={() =>
          act(
            () => courier.client.skip(item.id),
            'Skipped: it will not be delivered. History lists it, with a Retry.',
          )
        }
      >
        Skip
      </button>
      <button type="button" onClick={() => showFile(courier, item, onNote)}>
        Show file
      </button>
      <a href={routeHref('settings', item.destination)}>Open settings for {destination}</a>
    </div>
  );
}

/** Shows the file in the desktop app; in a browser, copies its path (or at least shows it). */
function showFile(
  courier: Courier,
  item: RecordingItem,
  onNote: (id: number, text: string | null) => void,
): void {
  if (courier.shell.showFile) {
    courier.shell
      .showFile(item.path)
      .catch((failure: unknown) => onNote(item.id, messageOf(failure)));
    return;
  }
  const shown = `The file is at ${item.path}`;
  if (!navigator.clipboard) {
    onNote(item.id, shown);
    return;
  }
  navigator.clipboard.writeText(item.path).then(
    () => onNote(item.id, `${shown} (path copied).`),
    () => onNote(item.id, shown),
  );
}
