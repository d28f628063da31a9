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
  type CourierStart,
  type CourierUnderTest,
} from './support/courier-under-test.ts';
import { openView, recordingRow, type ViewLink } from './support/views.ts';

/** Markup that runs code if a view ever puts it into the page as HTML. */
const NAME_PAYLOAD = '<img src=x onerror=alert(1)>';
const AGENT_PAYLOAD = '<img src=y onerror=alert(2)>';
const FAILED_PAYLOAD = '<svg onload=alert(3)>';
const QUEUED_PAYLOAD = '<img src=q onerror=alert(4)>';
const LABEL_PAYLOAD = '<img src=l onerror=alert(5)>';
const FOLDER_PAYLOAD = '<svg onload=alert(6)>';
const SETUP_PAYLOAD = '<img src=s onerror=alert(7)>';

/** Markup made of the text: any of it in the page means a view used it as HTML. */
const MADE_OF_TEXT = 'img, svg, script:not([src]), iframe, object, embed';

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

  it('shows markup in a recording that arrives live in the Queue as text, and runs none of it', async () => {
    await courier.running.service.pause();
    const tab = await openWindow(browser, courier.address);
    const { page } = tab;
    await page.getByRole('heading', { name: 'Queue', exact: true }).waitFor();
    // Written once the window is open: the Queue learns of it only from the live event stream,
    // which the window reads with fetch() and the token in its header (?token= is refused).
    const queued = `${QUEUED_PAYLOAD}.wav`;
    await writeWav(join(courier.folder, queued), { channels: 2, seconds: 4 });
    const row = recordingRow(page, queued, ['queued']);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain(QUEUED_PAYLOAD);
    expect(await page.locator(MADE_OF_TEXT).count()).toBe(0);
    expect(tab.dialogs).toEqual([]);
    expect(tab.troubles).toEqual([]);
    await tab.close();
    await courier.running.service.resume();
  });

  it('blocks inline script and inline handlers with its Content-Security-Policy, which allows no eval', async () => {
    const tab = await openWindow(browser, courier.address);
    const { page } = tab;
    await page.getByRole('heading', { name: 'Queue', exact: true }).waitFor();
    // A string, run in the page: the test's own files know nothing of the DOM.
    const ran = await page.evaluate<{ inline: boolean; handler: boolean }>(`(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
      const button = document.createElement('button');
      button.setAttribute('onclick', 'window.handlerRan = true');
      document.body.append(button);
      button.click();
      return { inline: window.inlineRan === true, handler: window.handlerRan === true };
    })()`);
    expect(ran).toEqual({ inline: false, handler: false });
    // eval is not tried from the test: DevTools' own evaluation is exempt from the policy.
    const policy = (await page.request.get(courier.address)).headers()['content-security-policy'];
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/unsafe-(inline|eval)/);
    await expect
      .poll(() => tab.troubles.filter((t) => t.startsWith('CSP violation')).length)
      .toBeGreaterThanOrEqual(2);
    expect(tab.dialogs).toEqual([]);
    await tab.close();
  });
});

/** Settings whose profile label and one folder's path carry markup. */
function markupInSettings(): CourierStart {
  const plain = folderToEnderTuring({ stableForSeconds: 1 });
  return {
    ...plain,
    settings: (place) => {
      const base = plain.settings?.(place) as {
        watch: Record<string, unknown>[];
        profiles: Record<string, unknown>[];
      };
      return {
        ...base,
        watch: [...base.watch, { path: join(place.folder, FOLDER_PAYLOAD), destinations: ['et'] }],
        profiles: base.profiles.map((p) => ({ ...p, label: LABEL_PAYLOAD })),
      };
    },
  };
}

describe.skipIf(!chromiumPresent)('text from settings and setup, in the window', () => {
  let browser: Browser;
  const started: CourierUnderTest[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const courier of started) await courier.stop();
  });

  it('shows a platform label and a folder path with markup as text in Settings', async () => {
    const courier = await startCourier(markupInSettings());
    started.push(courier);
    const tab = await openWindow(browser, courier.address);
    const { page } = tab;
    await page.getByRole('heading', { name: 'Queue', exact: true }).waitFor();
    await openView(page, 'Settings');
    await page.getByText(LABEL_PAYLOAD, { exact: true }).first().waitFor();
    const values: string[] = [];
    for (const input of await page.locator('input').all()) values.push(await input.inputValue());
    expect(values).toEqual(expect.arrayContaining([LABEL_PAYLOAD]));
    expect(values.some((value) => value.endsWith(FOLDER_PAYLOAD))).toBe(true);
    expect(await page.locator(MADE_OF_TEXT).count()).toBe(0);
    expect(tab.dialogs).toEqual([]);
    expect(tab.troubles).toEqual([]);
    await tab.close();
  });

  it('shows markup typed into setup as text, in its steps and its connection test', async () => {
    const courier = await startCourier();
    started.push(courier);
    const tab = await openWindow(browser, courier.address);
    const { page } = tab;
    await page.getByRole('heading', { name: 'Set up Call Courier' }).waitFor();
    await page.getByLabel('Recordings folder').fill(join(courier.folder, SETUP_PAYLOAD));
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Platform').selectOption('enderturing');
    await page.getByLabel('Server address').fill(courier.emulator.url);
    await page.getByLabel('Username').fill(SETUP_PAYLOAD);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Password').fill(SETUP_PAYLOAD);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.locator('.test-result[data-outcome]').waitFor();
    expect(await page.locator(MADE_OF_TEXT).count()).toBe(0);
    expect(tab.dialogs).toEqual([]);
    expect(tab.troubles).toEqual([]);
    await tab.close();
  });
});
