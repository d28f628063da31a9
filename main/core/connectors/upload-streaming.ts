import type {
  BandwidthPacing,
  ConnectorContext,
  ProgressListener,
  ReadHashing,
} from './connector.ts';

/**
 * How an upload streams its file: paced by the profile's bandwidth limit, if any, reporting
 * progress, and handing what it reads to `hashing` when the job has one.
 */
export interface UploadStreaming extends BandwidthPacing {
  readonly onProgress: ProgressListener;
  readonly hashing?: ReadHashing;
}

/**
 * The streaming of one upload: `onProgress`, the context's bandwidth limit when it has one,
 * and the job's hashing when its hash is learnt from the upload.
 */
export function uploadStreaming(
  context: Pick<ConnectorContext, 'pace' | 'pieceBytes'>,
  onProgress: ProgressListener,
  hashing?: ReadHashing,
): UploadStreaming {
  const { pace, pieceBytes } = context;
  return {
    onProgress,
    ...(pace ? { pace } : {}),
    ...(pieceBytes ? { pieceBytes } : {}),
    ...(hashing ? { hashing } : {}),
  };
}
