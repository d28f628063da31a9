import { useEffect, useRef, useState } from 'react';
import type { NamePreview, NamingChoice } from '../../../../preload/api.ts';
import { messageOf } from '../../client/api-error.ts';
import type { CourierClient } from '../../client/courier-client.ts';
import { debouncedLatest, type DebouncedLatest } from './debounced-latest.ts';

/** How long typing pauses before the preview is asked for. */
export const PREVIEW_DELAY_MS = 250;

interface PreviewInput {
  readonly fileName: string;
  readonly naming: NamingChoice;
}

/** The preview of what `naming` reads from `fileName`, asked again as either changes. */
export function useNamePreview(
  client: CourierClient,
  fileName: string,
  naming: NamingChoice,
): NamePreview | { readonly failed: string } | null {
  const [preview, setPreview] = useState<NamePreview | { readonly failed: string } | null>(null);
  const asker = useRef<DebouncedLatest<PreviewInput> | null>(null);
  useEffect(() => {
    const created = debouncedLatest<PreviewInput, NamePreview>({
      delayMs: PREVIEW_DELAY_MS,
      run: (input) => client.previewName(input.fileName, input.naming),
      onResult: (result) =>
        setPreview(result.ok ? result.value : { failed: messageOf(result.error) }),
    });
    asker.current = created;
    return () => created.dispose();
  }, [client]);
  const namingKey = JSON.stringify(naming);
  useEffect(() => {
    if (fileName.trim() === '') {
      asker.current?.cancel();
      setPreview({ metadata: {}, preset: null, problems: [] });
      return;
    }
    asker.current?.request({ fileName, naming: JSON.parse(namingKey) as NamingChoice });
  }, [client, fileName, namingKey]);
  return preview;
}
