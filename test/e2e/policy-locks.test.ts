import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPresent, launchChromium, openWindow } from './support/browser.ts';
import {
  folderToEnderTuring,
  startCourier,
  type CourierUnderTest,
} from './support/courier-under-test.ts';
import { openView } from './support/views.ts';

const REASON = 'Set by IT (ticket 4711)';

describe.skipIf(!chromiumPresent)('settings locked by the machine policy, in the window', () => {
  let browser: Browser;
  let courier: CourierUnderTest;

  beforeAll(async () => {
    const start = folderToEnderTuring({ concurrency: 2 });
    await Promise.all([
      launchChromium().then((started) => (browser = started)),
      startCourier({
        ...start,
        // The destinations as the settings have them, locked; and a speed limit.
        policy: (place) => {
          const settings = start.settings?.(place) as { profiles: unknown };
          return {
            settings: { upload: { bandwidthLimit: '256KB/s' }, profiles: settings.profiles },
            locked: ['upload.bandwidthLimit', 'profiles'],
            reason: REASON,
          };
        },
      }).then((started) => (courier = started)),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await courier?.stop();
  });

  it('locked settings are read-only with the reason next to them; the others stay editable', async () => {
    const tab = await openWindow(browser, courier.address);
    const { page } = tab;
    await page.getByRole('heading', { name: 'Queue', exact: true }).waitFor();
    await openView(page, 'Settings');
    const notice = `Locked by your organisation's policy: ${REASON}`;

    const limit = page.getByLabel('Upload speed limit', { exact: true });
    await expect.poll(() => limit.inputValue()).toBe('256KB/s');
    expect(await limit.isDisabled()).toBe(true);
    expect(await page.locator('.field[data-locked]', { has: limit }).innerText()).toContain(notice);
    expect(await page.getByLabel('Uploads at the same time', { exact: true }).isEditable()).toBe(
      true,
    );

    // The destinations: their settings and buttons locked, the password still to be typed.
    const destinations = page.locator('[data-locked="profiles"]');
    expect(await destinations.locator('.field__lock').innerText()).toBe(notice);
    expect(await destinations.getByLabel('Username', { exact: true }).isDisabled()).toBe(true);
    expect(
      await destinations.getByRole('button', { name: /^Remove destination/ }).isDisabled(),
    ).toBe(true);
    expect(await destinations.getByLabel('Password', { exact: true }).isEditable()).toBe(true);
    expect(tab.troubles).toEqual([]);
    await tab.close();
  });
});
