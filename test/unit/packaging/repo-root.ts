/** The repository root, as a file URL ending in a slash. */
export const REPO_ROOT = new URL('../../../', import.meta.url);
