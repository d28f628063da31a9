import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startWorkstation,
  writeRecording,
  type Workstation,
} from '../integration/supervisor/workstation-fleet.ts';
import { chromiumPresent, launchChromium, openWindow } from './support/browser.ts';
import { screenshotView } from './support/screenshots.ts';
import { startCourier, type CourierUnderTest } from './support/courier-under-test.ts';

/** Markup that runs code if the view ever puts a workstation's words into the page as HTML. */
const LABEL_PAYLOAD = '<img src=w onerror=alert(1)>';
const REMOTE_PAYLOAD = '<svg onload=alert(2)>';

describe.skipIf(!chromiumPresent)('the Workstations view of a supervisor', () => {
  let browser: Browser;
  let supervisor: CourierUnderTest;
  let healthy: Workstation;
  let failing: Workstation;
  let refused: Workstation;

  beforeAll(async () => {
    await Promise.all([
      launchChromium().then((started) => (browser = started)),
      startCourier().then((started) => (supervisor = started)),
      startWorkstation('healthy').then((started) => (healthy = started)),
      startWorkstation('failing').then((started) => (failing = started)),
      // Its platform refuses the password; its destination's name is markup.
      startWorkstation('refused', { profileLabel: REMOTE_PAYLOAD, password: 'wrong' }).then(
        (started) => (refused = started),
      ),
    ]);
    failing.emulator.setFaults({
      reject: { count: 1, endpoints: ['upload'], status: 422, detail: 'the audio is damaged' },
    });
    await writeRecording(healthy, 1);
    await writeRecording(failing, 2);
    await writeRecording(failing, 3);
    await writeRecording(refused, 4);
    await Promise.all([
      healthy.waitForStatus((s) => s.counts.uploaded === 1),
      failing.waitForStatus((s) => s.counts.uploaded === 1 && s.counts.failed === 1),
      refused.waitForStatus((s) => s.profiles[0]?.state === 'paused'),
    ]);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([supervisor?.stop(), healthy?.stop(), failing?.stop(), refused?.stop()]);
  });

  /** Fills the "Add a workstation" form and waits until the view says it is watched. */
  async function addWorkstation(page: Page, label: string, workstation: Workstation) {
    const form = page.getByRole('form', { name: 'Add a workstation' });
    await form.getByLabel('Name').fill(label);
    await form.getByLabel('Address').fill(workstation.address);
    await form.getByLabel('Monitor token').fill(workstation.monitorToken);
    await form.getByRole('button', { name: 'Add workstation' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${label} is now watched.` })
      .waitFor();
  }

  /** Moves to the Workstations view with the navigation bar, as a supervisor would. */
  async function openWorkstations(page: Page) {
    const nav = page.getByRole('navigation', { name: 'Views' });
    await nav.getByRole('link', { name: 'Workstations' }).click();
    await page.getByRole('heading', { name: 'Workstations', exact: true }).waitFor();
  }

  function row(page: Page, label: string): Locator {
    return page.locator('tr[data-workstation]').filter({ hasText: label });
  }

  it('shows three workstations added through the form, each with its health, backlog, failures, last delivery and link', async () => {
    const tab = await openWindow(browser, supervisor.address);
    const { page } = tab;
    await openWorkstations(page);
    await page.getByText('No workstation is watched yet').waitFor();

    await addWorkstation(page, 'Front desk', healthy);
    await addWorkstation(page, 'Sales 2', failing);
    await addWorkstation(page, `Night shift ${LABEL_PAYLOAD}`, refused);
    await expect.poll(() => page.locator('tr[data-workstation]').count()).toBe(3);

    const front = row(page, 'Front desk');
    await front.locator('[data-health="healthy"]').waitFor();
    expect(await front.locator('[data-column="backlog"]').textContent()).toBe('0');
    expect(await front.locator('[data-column="failed"]').textContent()).toBe('0');
    expect(await front.locator('[data-column="last-delivery"] time').textContent()).toMatch(
      /ago|now/,
    );
    const link = front.getByRole('link', { name: 'Front desk' });
    expect(await link.getAttribute('href')).toBe(healthy.address);
    expect(await link.getAttribute('target')).toBe('_blank');

    const sales = row(page, 'Sales 2');
    await sales.locator('[data-health="attention"]').waitFor();
    expect(await sales.locator('[data-column="failed"]').textContent()).toBe('1');
    expect(await sales.locator('[data-column="problem"]').textContent()).toBe('1 recording failed');

    const night = row(page, 'Night shift');
    await night.locator('[data-health="attention"]').waitFor();
    expect(await night.locator('[data-column="backlog"]').textContent()).toMatch(/^1/);
    expect(await night.locator('th').textContent()).toContain(LABEL_PAYLOAD);
    expect(await night.locator('[data-column="problem"]').textContent()).toContain(
      `${REMOTE_PAYLOAD}: `,
    );
    expect(await page.locator('img, svg').count(), 'no element was made of the text').toBe(0);
    await screenshotView(page, 'workstations');

    // No monitor token is ever put in the page after it was sent.
    const html = await page.content();
    for (const w of [healthy, failing, refused]) expect(html).not.toContain(w.monitorToken);
    expect(tab.dialogs).toEqual([]);
    expect(tab.troubles).toEqual([]);
    await tab.close();
  });

  it('says a workstation that stopped is unreachable, and removes one on request', async () => {
    const tab = await openWindow(browser, supervisor.address);
    const { page } = tab;
    await openWorkstations(page);
    await expect.poll(() => page.locator('tr[data-workstation]').count()).toBe(3);
    await healthy.halt();
    await page.getByRole('button', { name: 'Ask again now' }).click();
    const front = row(page, 'Front desk');
    await front.locator('[data-health="unreachable"]').waitFor();
    expect(await front.locator('[data-column="problem"]').textContent()).toMatch(
      /^unreachable: connection refused/,
    );
    await row(page, 'Sales 2').locator('[data-health="attention"]').waitFor();

    await row(page, 'Sales 2').getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('status').filter({ hasText: 'Sales 2 is no longer watched.' }).waitFor();
    await expect.poll(() => page.locator('tr[data-workstation]').count()).toBe(2);
    expect(tab.troubles).toEqual([]);
    await tab.close();
  });
});
