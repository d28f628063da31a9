// With "Mask client phone numbers" on, the window shows a client's number by its last four
// digits only, and its "Download diagnostics" button saves a .zip without the whole number.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWav } from '../fixtures/audio.ts';
import { openBundle } from '../integration/diagnostics/bundle-files.ts';
import { chromiumPresent, launchChromium, openWindow } from './support/browser.ts';
import {
  folderToEnderTuring,
  startCourier,
  type CourierUnderTest,
} from './support/courier-under-test.ts';
import { openView, recordingRow } from './support/views.ts';

const PHONE = '380990000499';
const CALL = `20240124_0819_Agent19_${PHONE}_OUT_1.wav`;
const MASKED_CALL = '20240124_0819_Agent19_••••••••0499_OUT_1.wav';

describe.skipIf(!chromiumPresent)('masked phone numbers, in the window', () => {
  let browser: Browser;
  let courier: CourierUnderTest;
  let work: string;

  beforeAll(async () => {
    const plain = folderToEnderTuring({ stableForSeconds: 1 });
    work = await mkdtemp(join(tmpdir(), 'call-courier-e2e-masking-'));
    await Promise.all([
      launchChromium().then((started) => (browser = started)),
      startCourier({
        ...plain,
        settings: (place) => ({
          ...(plain.settings?.(place) as object),
          privacy: { maskPhoneNumbers: true },
        }),
      }).then((started) => (courier = started)),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await courier?.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('History shows the client by the last four digits, and the diagnostics download holds no whole number', async () => {
    await writeWav(join(courier.folder, CALL), { channels: 2, seconds: 1 });
    const tab = await openWindow(browser, courier.address);
    const { page } = tab;
    await page.getByRole('heading', { name: 'Queue', exact: true }).waitFor();
    await openView(page, 'History');
    await recordingRow(page, MASKED_CALL, ['uploaded', 'processed']).waitFor({ timeout: 20_000 });
    expect(await page.locator('body').innerText()).not.toContain(PHONE);
    expect(courier.emulator.uploads.map((u) => u.fileName)).toEqual([CALL]);

    await openView(page, 'Settings');
    expect(await page.getByLabel('Mask client phone numbers').isChecked()).toBe(true);
    const saved = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download diagnostics' }).click();
    const download = await saved;
    expect(download.suggestedFilename()).toMatch(/^call-courier-diagnostics-.+\.zip$/);
    const path = join(work, download.suggestedFilename());
    await download.saveAs(path);
    const files = await openBundle(path, work);
    expect([...files.keys()]).toContain('README.txt');
    for (const [name, text] of files) expect(text, name).not.toContain(PHONE);
    await page.getByText(`Saved as ${download.suggestedFilename()}.`).waitFor();
    expect(tab.troubles).toEqual([]);
    await tab.close();
  }, 60_000);
});
