import type { Locator, Page } from 'playwright-core';
import type { RecordingStatus } from '../../../preload/api.ts';

/** The views the navigation bar links to, by the words on the link. */
export type ViewLink = 'Queue' | 'Problems' | 'History' | 'Settings';

/** Moves to a view with the navigation bar, as a person would, and waits for its heading. */
export async function openView(page: Page, view: ViewLink): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Views' });
  await nav.getByRole('link', { name: new RegExp(`^${view}`) }).click();
  await page.getByRole('heading', { name: view, exact: true }).waitFor();
}

/** The row of a recording in the view shown, found by its file name; optionally in given statuses. */
export function recordingRow(
  page: Page,
  fileName: string,
  statuses: readonly RecordingStatus[] = [],
): Locator {
  const selector =
    statuses.length === 0
      ? '[role="row"][data-id]'
      : statuses.map((s) => `[role="row"][data-id][data-status="${s}"]`).join(', ');
  return page.locator(selector).filter({ hasText: fileName });
}
