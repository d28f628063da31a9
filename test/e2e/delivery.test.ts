import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWav } from '../fixtures/audio.ts';
import { chromiumPresent, launchChromium, openWindow, type WindowTab } from './support/browser.ts';
import {
  folderToEnderTuring,
  startCourier,
  type CourierUnderTest,
} from './support/courier-under-test.ts';
import { screenshotView } from './support/screenshots.ts';
import { openView, recordingRow } from './support/views.ts';

/** A progress bar of the queue showing part of a file sent: more than 0 %, less than 100 %. */
const PART_SENT = `[...document.querySelectorAll('[role="row"] [role="progressbar"], [role="row"] progress')]
  .some((bar) => bar.hasAttribute('value') && bar.value > 0 && bar.value < 100)`;

describe.skipIf(!chromiumPresent)('delivery, as the window shows it', () => {
  let browser: Browser;
  let courier: CourierUnderTest;
  let tab: WindowTab;

  beforeAll(async () => {
    await Promise.all([
      launchChromium().then((started) => (browser = started)),
      startCourier(
        // Slow enough that a recording of a few hundred kilobytes is seen on its way.
        folderToEnderTuring({ stableForSeconds: 1, bandwidthLimit: '200KB/s' }),
      ).then((started) => (courier = started)),
    ]);
    tab = await openWindow(browser, courier.address);
    await tab.page.getByRole('heading', { name: 'Queue', exact: true }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await courier?.stop();
  });

  /** Puts a finished recording into the watched folder at once, as a recorder's final rename does. */
  async function drop(fileName: string, spec: Parameters<typeof writeWav>[1]): Promise<void> {
    const written = await writeWav(join(courier.folder, '..', fileName), spec);
    await rename(written, join(courier.folder, fileName));
  }

  it('shows dropped recordings in the queue with their progress, then in History with the platform id', async () => {
    const { page } = tab;
    const long = '20240131_2059_Agent99_12345678_IN_0.wav';
    const short = '20240131_2101_Agent42_87654321_OUT_1.wav';
    await drop(long, { channels: 2, seconds: 12 });
    await drop(short, { channels: 2, seconds: 2 });

    // The long one is sent at 200 KB/s for about two seconds, so the queue shows it on its way;
    // the short one can be delivered before a busy machine paints it, so only History must show it.
    await recordingRow(page, long).waitFor();
    // Polled from here: waitForFunction would evaluate code in the page, which its CSP forbids.
    await expect
      .poll(() => page.evaluate<boolean>(PART_SENT), { timeout: 20_000, interval: 50 })
      .toBe(true);
    await screenshotView(page, 'queue');

    await openView(page, 'History');
    await recordingRow(page, long, ['uploaded', 'processed']).waitFor({ timeout: 20_000 });
    await recordingRow(page, short, ['uploaded', 'processed']).waitFor();
    for (const name of [long, short]) {
      const upload = courier.emulator.uploads.find((u) => u.fileName === name);
      expect(upload, `${name} reached the platform`).toBeDefined();
      const row = recordingRow(page, name);
      expect(await row.locator('.remote-id').textContent()).toBe(upload?.sessionId);
      expect(await row.textContent()).toContain('Delivered');
    }
    expect(courier.emulator.uploads).toHaveLength(2);
    await screenshotView(page, 'history');

    await openView(page, 'Queue');
    await page.getByText('Nothing is waiting: every recording has been delivered.').waitFor();
    // Two recordings sent at 200 KB/s take a few seconds alone; beside the rest of the suite on
    // two cores, the waits above add up to more than the default 30 s.
  }, 90_000);

  it('lists a mono recording under Problems with its reason, and delivers it once mono is allowed and it is retried', async () => {
    const { page } = tab;
    const mono = '20240131_2105_Agent7_55555555_IN_0.wav';
    await drop(mono, { channels: 1, seconds: 2 });

    await openView(page, 'Problems');
    const row = recordingRow(page, mono, ['failed']);
    await row.waitFor();
    const reason = await row.getByRole('cell').nth(1).textContent();
    expect(reason).toContain('needs stereo with the agent and the client on separate channels');
    expect(reason).toContain('Send mono recordings');
    const problemsLink = page.getByRole('link', { name: /^Problems/ });
    await expect
      .poll(() => problemsLink.textContent(), {
        timeout: 10_000,
        message: 'the navigation counts it',
      })
      .toContain('1 need attention');
    await screenshotView(page, 'problems');

    await row.getByRole('link', { name: 'Open settings for Ender Turing' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    const destination = page.getByRole('region', { name: /Ender Turing \(et\)/ });
    await destination.locator('summary', { hasText: 'Advanced' }).click();
    await destination.getByLabel('Send mono recordings').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved. Call Courier uses the new settings now.').waitFor();

    await openView(page, 'Problems');
    await recordingRow(page, mono, ['failed']).getByRole('button', { name: 'Retry' }).click();
    await openView(page, 'History');
    await recordingRow(page, mono, ['uploaded', 'processed']).waitFor({ timeout: 20_000 });
    expect(courier.emulator.uploads.map((u) => u.fileName)).toContain(mono);
    await openView(page, 'Problems');
    await page.getByText('No problems: nothing needs your attention.').waitFor();
  });

  it('had no console errors, uncaught exceptions, policy violations or dialogs', () => {
    expect(tab.troubles).toEqual([]);
    expect(tab.dialogs).toEqual([]);
  });
});
