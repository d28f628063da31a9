import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_USER } from '../emulators/enderturing/enderturing-emulator.ts';
import { chromiumPresent, launchChromium, openWindow, type WindowTab } from './support/browser.ts';
import { startCourier, type CourierUnderTest } from './support/courier-under-test.ts';
import { screenshotView, type ColorScheme } from './support/screenshots.ts';

/** The page's background colour when the system theme is `colorScheme`. */
async function backgroundIn(page: Page, colorScheme: ColorScheme): Promise<string> {
  await page.emulateMedia({ colorScheme });
  const colour = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
  await page.emulateMedia({ colorScheme: null });
  return colour;
}

describe.skipIf(!chromiumPresent)('first run, in a browser against the headless service', () => {
  let browser: Browser;
  let courier: CourierUnderTest;
  let tab: WindowTab;

  beforeAll(async () => {
    await Promise.all([
      launchChromium().then((started) => (browser = started)),
      startCourier().then((started) => (courier = started)),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await courier?.stop();
  });

  it('sets up the folder, Ender Turing and its password, tests the connection and shows the queue', async () => {
    tab = await openWindow(browser, courier.address);
    const { page } = tab;
    await page.getByRole('heading', { name: 'Set up Call Courier' }).waitFor();
    expect(page.url(), 'the token leaves the address bar').not.toContain(courier.running.token);
    await screenshotView(page, 'setup');
    expect(await backgroundIn(page, 'dark'), 'the window follows the dark theme').not.toBe(
      await backgroundIn(page, 'light'),
    );

    await page.getByLabel('Recordings folder').fill(courier.folder);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Platform').selectOption('enderturing');
    await page.getByLabel('Server address').fill(courier.emulator.url);
    await page.getByLabel('Username').fill(DEFAULT_USER.username);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Password').fill(DEFAULT_USER.password);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Test connection' }).click();
    const result = page.locator('.test-result[data-outcome="ok"]');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/^Connected/);
    expect(courier.emulator.logins, 'the test signed in at the platform').toBeGreaterThan(0);
    await screenshotView(page, 'setup-connected', ['light']);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Queue' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/queue');

    const text = await readFile(courier.configPath, 'utf8');
    expect(text, 'the settings file holds no password').not.toContain(DEFAULT_USER.password);
    const saved = JSON.parse(text) as {
      watch: { path: string; destinations: string[] }[];
      profiles: { id: string; connector: string; options: Record<string, unknown> }[];
    };
    const profile = saved.profiles[0];
    expect(saved.profiles).toHaveLength(1);
    expect(profile).toMatchObject({
      connector: 'enderturing',
      options: { baseUrl: courier.emulator.url, username: DEFAULT_USER.username },
    });
    expect(profile?.options).not.toHaveProperty('password');
    expect(saved.watch).toEqual([
      expect.objectContaining({ path: courier.folder, destinations: [profile?.id] }),
    ]);
    expect(courier.secrets.entries()).toEqual(
      new Map([[`${profile?.id}/password`, DEFAULT_USER.password]]),
    );

    await page.goto(`${courier.running.url}/#/settings`);
    await page.reload();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    const password = page.getByLabel('Password');
    await page.getByText('Stored in the keychain').waitFor();
    expect(await password.inputValue(), 'the password field is write-only').toBe('');
    expect(await page.content(), 'the password is nowhere in the page').not.toContain(
      DEFAULT_USER.password,
    );
    await screenshotView(page, 'settings');
  });

  it('replaces the stored password from Settings without ever showing it', async () => {
    const { page } = tab;
    const replacement = 'a new passphrase, 42 times better';
    courier.emulator.setUser(DEFAULT_USER.username, replacement);
    const password = page.getByLabel('Password');
    await password.fill(replacement);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved. Call Courier uses the new settings now.').waitFor();

    const [id] = [...courier.secrets.entries().keys()];
    expect(courier.secrets.entries()).toEqual(new Map([[id, replacement]]));
    expect(await password.inputValue(), 'the field empties once stored').toBe('');
    expect(await page.content()).not.toContain(replacement);
    expect(await readFile(courier.configPath, 'utf8')).not.toContain(replacement);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.locator('.test-result[data-outcome="ok"]').waitFor();
  });

  it('had no console errors, uncaught exceptions, policy violations or dialogs', () => {
    expect(tab.troubles).toEqual([]);
    expect(tab.dialogs).toEqual([]);
  });
});
