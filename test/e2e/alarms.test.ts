import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPresent, launchChromium, openWindow, type WindowTab } from './support/browser.ts';
import { openView } from './support/views.ts';
import {
  folderToEnderTuring,
  startCourier,
  type CourierUnderTest,
} from './support/courier-under-test.ts';

describe.skipIf(!chromiumPresent)('alarms, as the window’s header shows them', () => {
  let browser: Browser;
  let courier: CourierUnderTest;
  let tab: WindowTab;
  const base = folderToEnderTuring({ stableForSeconds: 1 });

  beforeAll(async () => {
    await Promise.all([
      launchChromium().then((started) => (browser = started)),
      startCourier({
        ...base,
        // Any real drive has less than 99.9 % free: the low disk space alarm is on from the start.
        settings: (place) => ({
          ...(base.settings?.(place) as Record<string, unknown>),
          alarms: { noNewRecordings: 'off', lowDiskFreeBelow: '99.9%' },
        }),
      }).then((started) => (courier = started)),
    ]);
    tab = await openWindow(browser, courier.address);
  });
  afterAll(async () => {
    await browser?.close();
    await courier?.stop();
  });

  it('shows an alarm in words, and takes it away as soon as a person fixes it in Settings', async () => {
    const { page } = tab;
    const alarms = page.getByRole('list', { name: 'Alarms' });
    await alarms.waitFor();
    const text = await alarms.innerText();
    expect(text).toContain('Low disk space');
    expect(text).toContain(`the watch folder ${courier.folder}`);
    expect(text).toContain('Free some space');

    // A person sets a limit the drive is above, in Settings: the alarm clears without a reload.
    await openView(page, 'Settings');
    const limit = page.getByLabel('Alarm when free disk space is below');
    expect(await limit.inputValue()).toBe('99.9%');
    await limit.fill('lots');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('a share such as "5%"').first().waitFor();
    expect(await alarms.isVisible()).toBe(true);
    await limit.fill('1KB');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved. Call Courier uses the new settings now.').waitFor();
    const saved = (await courier.running.service.getSettings()) as { alarms: unknown };
    expect(saved.alarms).toEqual({ noNewRecordings: 'off', lowDiskFreeBelow: '1KB' });
    await alarms.waitFor({ state: 'detached' });
    expect(await page.getByRole('alert').allInnerTexts()).not.toContain(text);
  });
});
