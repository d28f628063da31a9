import { stat, statfs } from 'node:fs/promises';

/** Free and total space on the drive that holds a path. */
export interface DiskSpace {
  /** Identifies the drive, so two folders on one drive are told once. */
  readonly drive: string;
  /** Space an ordinary user may still write. */
  readonly freeBytes: number;
  readonly totalBytes: number;
}

/** Reads the space of a path's drive; null when the path cannot be read (it is missing). */
export type DiskSpaceReader = (path: string) => Promise<DiskSpace | null>;

/** The real reader: fs.statfs for the space, the device number for the drive. */
export const readDiskSpace: DiskSpaceReader = async (path) => {
  try {
    const [facts, space] = await Promise.all([stat(path), statfs(path)]);
    return {
      drive: String(facts.dev),
      freeBytes: space.bavail * space.bsize,
      totalBytes: space.blocks * space.bsize,
    };
  } catch {
    return null;
  }
};
