import type { ConnectorContext, ProgressListener } from './connector.ts';

/** How an upload streams its file: through the profile's bandwidth limit, if any, reporting progress. */
export interface UploadStreaming {
  readonly onProgress: ProgressListener;
  readonly throttle?: (stream: NodeJS.ReadableStream) => NodeJS.ReadableStream;
}

/** The streaming of one upload: `onProgress`, and the context's throttle when it has one. */
export function uploadStreaming(
  context: Pick<ConnectorContext, 'throttle'>,
  onProgress: ProgressListener,
): UploadStreaming {
  const { throttle } = context;
  return throttle ? { onProgress, throttle } : { onProgress };
}
