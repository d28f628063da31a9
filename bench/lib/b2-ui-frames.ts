import { chromium, type Page } from 'playwright-core';
import { pause } from './wait-until.ts';

/** Debian's Chromium, as the end-to-end tests drive it. */
export const CHROMIUM = '/usr/bin/chromium';

/** What scrolling the History list showed. */
export interface ScrollFrames {
  /** Time between consecutive animation frames while scrolling, in ms. */
  readonly frameMs: readonly number[];
  /** How far down the list the scroll reached (rows loaded page by page on the way). */
  readonly rowsReached: number;
  /** Tasks of 50 ms or more that the browser reported during the scroll. */
  readonly longTasks: number;
}

/**
 * The in-page measurement: scrolls the list's scroller by `step` px on every animation frame
 * for `frames` frames, recording the time between frames (requestAnimationFrame timestamps)
 * and the long tasks seen. A plain expression given to page.evaluate, which runs it through
 * the DevTools protocol: the window's Content-Security-Policy allows no eval of its own.
 */
function scrollScript(frames: number, step: number): string {
  return `(async () => {
    const scroller = document.querySelector('.table__scroller');
    if (!scroller) throw new Error('no list scroller in the page');
    let longTasks = 0;
    const observer = new PerformanceObserver((list) => { longTasks += list.getEntries().length; });
    try { observer.observe({ type: 'longtask' }); } catch {}
    const frameMs = [];
    let maxIndex = 0;
    await new Promise((resolve) => {
      let last = 0;
      let count = 0;
      const tick = (now) => {
        if (last !== 0) frameMs.push(now - last);
        last = now;
        scroller.scrollTop += ${step};
        for (const row of scroller.querySelectorAll('[data-index]')) {
          maxIndex = Math.max(maxIndex, Number(row.getAttribute('data-index')));
        }
        if (++count > ${frames}) resolve(); else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    observer.disconnect();
    return { frameMs, rowsReached: maxIndex + 1, longTasks };
  })()`;
}

/**
 * Opens the served window in headless Chromium (1280×800), hands it the token, opens History,
 * waits for its first rows, and scrolls it as `scrollScript` says.
 */
export async function scrollHistory(options: {
  readonly url: string;
  readonly token: string;
  readonly frames: number;
  readonly pxPerFrame: number;
}): Promise<ScrollFrames> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const troubles: string[] = [];
    page.on('pageerror', (error) => troubles.push(error.message));
    await page.goto(`${options.url}/#token=${options.token}`);
    await waitForRows(page, '#/queue');
    await page.evaluate(`location.hash = '#/history'`);
    await waitForRows(page, '#/history');
    // Let the first page settle before the clock starts.
    await pause(500);
    const result = (await page.evaluate(
      scrollScript(options.frames, options.pxPerFrame),
    )) as ScrollFrames;
    if (troubles.length > 0) throw new Error(`the window failed: ${troubles.join('; ')}`);
    return result;
  } finally {
    await browser.close();
  }
}

/** Polls from Node (page.waitForFunction needs eval, which the CSP forbids) until rows show. */
async function waitForRows(page: Page, view: string): Promise<void> {
  const rows = page.locator('[role="row"][data-id]');
  for (let tries = 0; tries < 300; tries += 1) {
    const hash = (await page.evaluate('location.hash')) as string;
    if ((view === '#/queue' || hash === view) && (await rows.count()) > 0) return;
    if (view === '#/queue' && (await page.locator('h2').count()) > 0) return;
    await pause(100);
  }
  throw new Error(`the window showed no recordings in ${view}`);
}
