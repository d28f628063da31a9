import { stat } from 'node:fs/promises';
import {
  fsErrorMessage,
  isGoneError,
  missingFolderMessage,
  notAFolderMessage,
} from './watch-messages.ts';

/** What a watch folder's path holds now: a folder, or what is wrong in plain words. */
export type RootCheck =
  | { readonly state: 'folder' }
  /** Not there (yet): it can still be watched, from the nearest parent that exists. */
  | { readonly state: 'missing'; readonly message: string }
  /** A file, or unreadable: nothing to watch until it is fixed. */
  | { readonly state: 'unusable'; readonly message: string };

/** Checks that a watch folder's path is a folder that can be read. */
export async function checkWatchRoot(root: string): Promise<RootCheck> {
  try {
    const stats = await stat(root);
    if (stats.isDirectory()) return { state: 'folder' };
    return { state: 'unusable', message: notAFolderMessage(root) };
  } catch (error) {
    return isGoneError(error)
      ? { state: 'missing', message: missingFolderMessage(root) }
      : { state: 'unusable', message: fsErrorMessage(root, error) };
  }
}
