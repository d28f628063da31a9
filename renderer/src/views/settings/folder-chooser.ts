import type { DesktopExtras } from '../../../../preload/desktop-api.ts';

/** The client as the settings see it: the desktop extras may be there or not. */
type MaybeDesktop = Partial<Pick<DesktopExtras, 'chooseFolder'>>;

/**
 * The system folder picker when the window runs in the desktop app (its bridge offers
 * `chooseFolder`); undefined in a browser, where the folder's path is typed.
 */
export function folderChooser(client: object): (() => Promise<string | null>) | undefined {
  const { chooseFolder } = client as MaybeDesktop;
  if (typeof chooseFolder !== 'function') return undefined;
  return async () => (await chooseFolder.call(client)) ?? null;
}
