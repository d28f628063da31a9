import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingStatus } from '../../preload/api.ts';
import { writeWav } from '../fixtures/audio.ts';
import { chromiumPresent, launchChromium, openWindow } from './support/browser.ts';
import {
  folderToEnderTuring,
  startCourier,
  type CourierUnderTest,
} from './support/courier-under-test.ts';
import { openView, recordingRow, type ViewLink } from './support/views.ts';

/** Markup that runs code if a view ever puts it into the page as HTML. */
const NAME_PAYLOAD = '<img src=x onerror=alert(1)>';
const AGENT_PAYLOAD = '<img src=y onerror=alert(2)>';
const FAILED_PAYLOAD = '<svg onload=alert(3)>';

describe.skipIf(!chromiumPresent)('text from recordings, in the window', () => {
  let browser: Browser;
  let courier: CourierUnderTest;

  beforeAll(async () => {
    await Promise.all([
      launchChromium().then((started) => (browser = started)),
      startCourier(folderToEnderTuring({ stableForSeconds: 1 })).then(
        (started) => (courier = started),
      ),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await courier?.stop();
  });

  it('shows markup in a file name and in a sidecar as text, and runs none of it', async () => {
    const htmlName = `${NAME_PAYLOAD}.wav`;
    const withSidecar = '20240131_2110_Agent5_11112222_IN_0.wav';
    const failing = `${FAILED_PAYLOAD}.wav`;
    // Of different lengths: the same sound twice would be sent once, as one recording.
    await writeWav(join(courier.folder, htmlName), { channels: 2, seconds: 1 });
    await writeWav(join(courier.folder, withSidecar), { channels: 2, seconds: 2 });
    await writeFile(
      join(courier.folder, `${withSidecar}.json`),
      JSON.stringify({ agentId: AGENT_PAYLOAD }),
    );
    // Mono, which Ender Turing does not take: it waits under Problems.
    await writeWav(join(courier.folder, failing), { channels: 1, seconds: 3 });
    const tab = await openWindow(browser, courier.address);
    const { page } = tab;
    await page.getByRole('heading', { name: 'Queue', exact: true }).waitFor();

    const shown: readonly (readonly [ViewLink, string, string, readonly RecordingStatus[]])[] = [
      ['History', htmlName, NAME_PAYLOAD, ['uploaded', 'processed']],
      ['History', withSidecar, `Agent: ${AGENT_PAYLOAD}`, ['uploaded', 'processed']],
      ['Problems', failing, FAILED_PAYLOAD, ['failed']],
    ];
    for (const [view, name, payload, statuses] of shown) {
      await openView(page, view);
      const row = recordingRow(page, name, statuses);
      await row.waitFor({ timeout: 20_000 });
      expect(await row.textContent(), `${name} shown as written`).toContain(payload);
      expect(await page.locator('img, svg').count(), 'no element was made of the text').toBe(0);
    }
    expect(tab.dialogs).toEqual([]);
    expect(tab.troubles).toEqual([]);
    await tab.close();
  });
});
