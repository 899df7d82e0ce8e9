// Each page declares its icon inline (no /favicon.ico request, so no 404 in the log or on the server), and loading the
// page answers no request with 4xx/5xx.
import type { Browser } from 'playwright-core';
import { assert, type BrowserTest, openPage } from './harness.ts';

export function faviconTests(browser: Browser, url: string, page: string): BrowserTest[] {
  return [{
    name: `${page}: an icon is declared and nothing answers 404 while the page loads`,
    async run() {
      const rec = await openPage(browser, { width: 800, height: 600 });
      const failed: string[] = [];
      rec.page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
      await rec.page.goto(url, { waitUntil: 'networkidle' });
      const icon = await rec.page.evaluate(() => document.querySelector('link[rel~="icon"]')?.getAttribute('href') ?? '');
      assert(icon.startsWith('data:image/svg+xml'), `icon: ${icon.slice(0, 40)}`);
      assert(!rec.requests.some((u) => u.endsWith('/favicon.ico')), 'no /favicon.ico request');
      assert(failed.length === 0, `failed requests: ${failed.join('; ')}`);
      await rec.page.context().close();
    },
  }];
}
