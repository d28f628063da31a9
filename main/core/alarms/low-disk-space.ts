import type { AlarmCondition } from './alarm-ids.ts';
import { isBelow, sizeWords, thresholdWords, type DiskThreshold } from './disk-threshold.ts';
import type { DiskSpace, DiskSpaceReader } from './disk-space.ts';

/** A folder whose drive is watched, and what it is to Call Courier. */
export interface WatchedPlace {
  readonly path: string;
  readonly role: 'watch folder' | 'data folder';
}

/** One drive and the places on it. */
export interface DriveReading {
  readonly space: DiskSpace;
  readonly places: readonly WatchedPlace[];
}

/** Reads the drives of the places, one reading per drive; places that cannot be read are left out. */
export async function readDrives(
  places: readonly WatchedPlace[],
  read: DiskSpaceReader,
): Promise<readonly DriveReading[]> {
  const spaces = await Promise.all(places.map((place) => read(place.path)));
  const drives = new Map<string, { space: DiskSpace; places: WatchedPlace[] }>();
  places.forEach((place, index) => {
    const space = spaces[index];
    if (!space) return;
    const drive = drives.get(space.drive) ?? { space, places: [] };
    drive.places.push(place);
    drives.set(space.drive, drive);
  });
  return [...drives.values()];
}

/** On when a drive that holds a watch folder or the data folder has less free space than the threshold. */
export function lowDiskSpace(
  threshold: DiskThreshold | null,
  drives: readonly DriveReading[],
): AlarmCondition | null {
  if (!threshold) return null;
  const low = drives.filter((d) => isBelow(threshold, d.space.freeBytes, d.space.totalBytes));
  if (low.length === 0) return null;
  const sentences = low.map(
    (d) =>
      `only ${sizeWords(d.space.freeBytes)} of ${sizeWords(d.space.totalBytes)} is free on the drive of ` +
      d.places.map((p) => `the ${p.role} ${p.path}`).join(' and '),
  );
  return {
    id: 'low-disk-space',
    message:
      `Low disk space: ${sentences.join('; ')} (the alarm is set below ${thresholdWords(threshold)}). ` +
      'Free some space there (archive or delete old recordings, or set "afterUpload" to move or delete delivered ones): ' +
      'on a full drive the recorder cannot save calls and Call Courier cannot queue them. ' +
      'The alarm clears itself once there is enough space.',
  };
}
