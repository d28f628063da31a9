import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitoringInfo } from '../../preload/api.ts';
import { chromiumPresent, launchChromium, openWindow } from './support/browser.ts';
import {
  folderToEnderTuring,
  startCourier,
  type CourierUnderTest,
} from './support/courier-under-test.ts';
import { openView } from './support/views.ts';

describe.skipIf(!chromiumPresent)('"Allow supervisor monitoring" in the settings view', () => {
  let browser: Browser;
  let courier: CourierUnderTest;

  beforeAll(async () => {
    await Promise.all([
      launchChromium().then((started) => (browser = started)),
      startCourier(folderToEnderTuring({ concurrency: 2 })).then((started) => (courier = started)),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await courier?.stop();
  });

  it('switched on and saved, shows the address to use and the monitor token; switched off, hides them', async () => {
    const tab = await openWindow(browser, courier.address);
    const { page } = tab;
    await page.getByRole('heading', { name: 'Queue', exact: true }).waitFor();
    await openView(page, 'Settings');
    const allow = page.getByLabel('Allow supervisor monitoring');
    expect(await allow.isChecked()).toBe(false);
    await allow.check();
    // Loopback only in tests: the listener binds to 127.0.0.1, any free port.
    await page.getByLabel('Listen on').fill('127.0.0.1:0');
    await page.getByRole('button', { name: 'Save' }).click();

    const info = page.getByLabel('How supervisors reach this computer');
    await info.waitFor();
    const monitoring = (await courier.running.service.monitoring()) as MonitoringInfo;
    expect(monitoring.listening).toBe(true);
    const text = await info.innerText();
    expect(text).toContain(monitoring.addresses[0] ?? 'an address');
    expect(text).toContain(courier.running.monitorToken);
    expect(text).not.toContain(courier.running.token);
    expect(await page.getByRole('button', { name: 'Copy monitor token' }).isVisible()).toBe(true);

    await allow.uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await info.waitFor({ state: 'detached' });
    expect((await courier.running.service.monitoring()).listening).toBe(false);
    expect(tab.troubles).toEqual([]);
    await tab.close();
  });
});
