// Debian's Chromium driven by playwright-core (no browser download): shared by the browser tests (test/browser/harness.ts)
// and the benchmarks (scripts/bench/), so that neither imports the other.
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-quic', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export type Cookies = Parameters<import('playwright-core').BrowserContext['addCookies']>[0];

export interface RecordedPage {
  page: Page;
  requests: string[];
  consoleErrors: string[];
  pageErrors: string[];
}

/** A page in a fresh context (a first visit: cold cache) that records its requests, console errors and page errors. */
export async function openRecordedPage(browser: Browser, viewport = { width: 960, height: 640 }, cookies?: Cookies): Promise<RecordedPage> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN' });
  // tsx compiles with esbuild, which wraps named functions in __name(); functions sent to the page with evaluate()
  // need that helper to exist there too.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  if (cookies) await context.addCookies(cookies);
  const page = await context.newPage();
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  return { page, requests, consoleErrors, pageErrors };
}

/** page.waitForFunction with an argument, its value returned, and a timeout message that says what was awaited. */
export async function waitWith<A, T>(page: Page, fn: (arg: A) => T, arg: A, timeoutMs: number, what: string): Promise<T> {
  const handle = await page.waitForFunction(fn as (arg: unknown) => T, arg, { timeout: timeoutMs, polling: 100 }).catch((e: Error) => {
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${e.message.split('\n')[0]}`);
  });
  return (await handle.jsonValue()) as T;
}

type MapWindow = Window & { __map?: import('maplibre-gl').Map };

/** Milliseconds from navigation until the public page's township fill is drawn in `indicator` (1-px readPixels after). */
export async function waitForChoropleth(page: Page, indicator: string, timeoutMs = 60_000, minTownships = 20): Promise<number> {
  return waitWith(page, ([ind, min]: [string, number]) => {
    const map = (window as MapWindow).__map;
    if (!map || !map.getLayer('township-stats::fill') || map.getContainer().dataset.indicator !== ind || !map.loaded()) return 0;
    if (map.queryRenderedFeatures({ layers: ['township-stats::fill'] }).length < min) return 0;
    const gl = map.getCanvas().getContext('webgl2') as WebGL2RenderingContext;
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
    return performance.now();
  }, [indicator, minTownships] as [string, number], timeoutMs, `choropleth (${indicator}) rendered`);
}
