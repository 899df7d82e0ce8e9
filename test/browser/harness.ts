// A small browser-test harness: Debian's Chromium driven by playwright-core (no browser download), a page that records
// every request it makes, and a sequential runner that prints one line per test and fails the process on any failure.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openRecordedPage, type Cookies, type RecordedPage } from '../../scripts/lib/browser.ts';
import { ROOT } from '../../scripts/lib/serve-app.ts';

export const OUTPUT_DIR = path.join(ROOT, 'test-output');
mkdirSync(OUTPUT_DIR, { recursive: true });

export { CHROMIUM_ARGS, CHROMIUM_PATH, launchBrowser, type RecordedPage } from '../../scripts/lib/browser.ts';

/**
 * The cookies each new page's context starts with while the suites run against the server: a function, called per
 * context, so each context can be signed in as its own test account (a fresh browser profile of a fresh planner).
 */
let contextCookies: (() => Promise<Cookies>) | null = null;
export function setContextCookies(cookies: (() => Promise<Cookies>) | null): void {
  contextCookies = cookies;
}

export async function openPage(browser: Browser, viewport = { width: 960, height: 640 }): Promise<RecordedPage> {
  return openRecordedPage(browser, viewport, contextCookies ? await contextCookies() : undefined);
}

/** Requests that left the app's own origin (data: and blob: URLs stay in the page). */
export function foreignRequests(requests: string[], appUrl: string): string[] {
  const origin = new URL(appUrl).origin;
  return requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);
}

export function screenshotPath(name: string): string {
  return path.join(OUTPUT_DIR, `${name}.png`);
}

export interface BrowserTest {
  name: string;
  run: () => Promise<void>;
}

export async function runTests(suite: string, tests: BrowserTest[]): Promise<number> {
  let failed = 0;
  // BROWSER_TEST_FILTER=text runs only the tests whose name contains it (while working on one test).
  const only = process.env.BROWSER_TEST_FILTER;
  for (const test of tests.filter((t) => !only || t.name.includes(only))) {
    const started = Date.now();
    try {
      await test.run();
      console.log(`  ✓ ${suite} › ${test.name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      console.log(`  ✗ ${suite} › ${test.name} (${Date.now() - started} ms)\n    ${(error as Error).stack ?? error}`);
    }
  }
  return failed;
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Polls a page function until it returns a truthy value, or throws after timeoutMs. */
export async function waitForValue<T, A = undefined>(page: Page, fn: (arg: A) => T | Promise<T>, timeoutMs: number, what: string, arg?: A): Promise<T> {
  const handle = await page.waitForFunction(fn as (arg: unknown) => T, arg as unknown, { timeout: timeoutMs, polling: 100 }).catch((e: Error) => {
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${e.message.split('\n')[0]}`);
  });
  return (await handle.jsonValue()) as T;
}
