import type { ConnectorContext, ProgressListener } from './connector.ts';

/** How an upload streams its file: paced by the profile's bandwidth limit, if any, reporting progress. */
export interface UploadStreaming {
  readonly onProgress: ProgressListener;
  readonly pace?: (bytes: number) => Promise<void>;
}

/** The streaming of one upload: `onProgress`, and the context's pace when it has one. */
export function uploadStreaming(
  context: Pick<ConnectorContext, 'pace'>,
  onProgress: ProgressListener,
): UploadStreaming {
  const { pace } = context;
  return pace ? { onProgress, pace } : { onProgress };
}
