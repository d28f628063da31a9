import type { BandwidthPacing, ConnectorContext, ProgressListener } from './connector.ts';

/** How an upload streams its file: paced by the profile's bandwidth limit, if any, reporting progress. */
export interface UploadStreaming extends BandwidthPacing {
  readonly onProgress: ProgressListener;
}

/** The streaming of one upload: `onProgress`, and the context's bandwidth limit when it has one. */
export function uploadStreaming(
  context: Pick<ConnectorContext, 'pace' | 'pieceBytes'>,
  onProgress: ProgressListener,
): UploadStreaming {
  const { pace, pieceBytes } = context;
  return { onProgress, ...(pace ? { pace } : {}), ...(pieceBytes ? { pieceBytes } : {}) };
}
