import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** Where screenshots of the views go: test-results/screenshots/ (kept as CI artifacts, not in git). */
export const SCREENSHOT_DIR = fileURLToPath(
  new URL('../../../test-results/screenshots/', import.meta.url),
);

/** The system themes the window follows. */
export type ColorScheme = 'light' | 'dark';

/**
 * Saves a screenshot of the window as it is now, once per theme: `<name>-light.png` and
 * `<name>-dark.png`, then leaves the theme to the browser again. Answers the files written.
 */
export async function screenshotView(
  page: Page,
  name: string,
  schemes: readonly ColorScheme[] = ['light', 'dark'],
): Promise<readonly string[]> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const files: string[] = [];
  for (const colorScheme of schemes) {
    await page.emulateMedia({ colorScheme });
    const path = join(SCREENSHOT_DIR, `${name}-${colorScheme}.png`);
    await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
    files.push(path);
  }
  await page.emulateMedia({ colorScheme: null });
  return files;
}
