/** The error code of a failed file system call, if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether the error means the path is not there (any more). */
export function isGoneError(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Whether opening failed because another program holds the file: on Windows a recorder
 * keeps its file locked while it records, which shows as EBUSY or EPERM/EACCES.
 */
export function isLockedError(
  error: unknown,
  platform: NodeJS.Platform = process.platform,
): boolean {
  const code = errorCode(error);
  if (code === 'EBUSY') return true;
  return platform === 'win32' && (code === 'EPERM' || code === 'EACCES');
}

/** Says that a watch folder is missing, and what to do. */
export function missingFolderMessage(path: string): string {
  return `the folder ${path} does not exist: create it or fix the path in settings`;
}

/** Says that a watch folder's path names something else than a folder, and what to do. */
export function notAFolderMessage(path: string): string {
  return `${path} is not a folder: fix the path of this watch folder in settings`;
}

/** Says in plain words why a folder or recording cannot be watched or read, and what to do. */
export function fsErrorMessage(path: string | undefined, error: unknown): string {
  const where = path ?? 'a watch folder';
  switch (errorCode(error)) {
    case 'ENOENT':
      return `${where} does not exist any more`;
    case 'EACCES':
    case 'EPERM':
      return `Call Courier is not allowed to read ${where}: give the account it runs as read access`;
    case 'ENOSPC':
      return `the system limit on watched folders is reached while watching ${where}: raise it (fs.inotify.max_user_watches on Linux) or turn on polling for this folder`;
    case 'EMFILE':
    case 'ENFILE':
      return `too many files are open while watching ${where}: raise the open-file limit or turn on polling for this folder`;
    case 'ELOOP':
      return `${where} is a symbolic link that leads back into itself: remove the link or point it elsewhere`;
    case 'ETIMEDOUT':
    case 'EHOSTDOWN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} cannot be reached over the network: check the share and the connection`;
    default:
      return `${where} cannot be watched: ${error instanceof Error ? error.message : String(error)}`;
  }
}
