import { chromium, type Browser, type Page } from 'playwright-core';
import { hasCommand } from '../../fixtures/system.ts';

/** Debian's Chromium, which the end-to-end tests drive. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether Chromium is there. Outside CI the e2e tests skip without it; under CI=true its
 * absence fails the run (hasCommand throws).
 */
export const chromiumPresent: boolean = hasCommand(CHROMIUM);

/** Starts headless Chromium (without its sandbox: the tests may run as root). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}

/** A tab showing the window, and a record of what must never happen in it. */
export interface WindowTab {
  readonly page: Page;
  /** Console errors, uncaught exceptions and Content-Security-Policy violations, in order. */
  readonly troubles: readonly string[];
  /** The messages of dialogs (alert, confirm, prompt) the page opened; each was dismissed. */
  readonly dialogs: readonly string[];
  close(): Promise<void>;
}

/** Reports every CSP violation to the test, as the browser sees it. */
const CSP_WATCH = `document.addEventListener('securitypolicyviolation', (event) => {
  window.reportCspViolation(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline code'));
});`;

/** Opens the window at `address` in a new browser context (its own storage and session). */
export async function openWindow(browser: Browser, address: string): Promise<WindowTab> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const troubles: string[] = [];
  const dialogs: string[] = [];
  await context.exposeFunction('reportCspViolation', (text: string) => {
    troubles.push(`CSP violation: ${text}`);
  });
  await context.addInitScript({ content: CSP_WATCH });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') troubles.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => troubles.push(`uncaught: ${error.message}`));
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(address);
  return { page, troubles, dialogs, close: () => context.close() };
}
