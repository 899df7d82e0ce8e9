// Security browser tests. (1) The Content-Security-Policy of both pages holds while they are used: every
// securitypolicyviolation event and every CSP console message fails the test. (2) XSS: a copy of data/ whose features
// carry the payload corpus (test/fuzz/payloads.ts) in names, property keys and values (under test-output/, which git
// ignores) is served by a second server started on it as `npm start -- --data <copy>` would; popups, dashboard tables,
// the township selector and the public page's table and project list must show every payload as literal text, and none
// may run (window.__xss stays unset, no dialog opens).
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from '../../scripts/lib/serve-app.ts';
import { XSS_PAYLOADS } from '../fuzz/payloads.ts';
import { assert, type BrowserTest, openPage, type RecordedPage, waitForValue } from './harness.ts';
import { serveSignedIn, type TestSite } from './server.ts';

type MapWindow = Window & { __map?: import('maplibre-gl').Map; __csp?: string[]; __xss?: unknown };

/** Runs in every page before its scripts: records CSP violations as they happen. */
export const CSP_RECORDER = `
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + (e.sourceFile || '') + ':' + e.lineNumber);
  });`;

export interface Watched extends RecordedPage {
  dialogs: string[];
  cspConsole: string[];
}

export async function watchedPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<Watched> {
  const rec = await openPage(browser, viewport);
  await rec.page.context().addInitScript(CSP_RECORDER);
  const dialogs: string[] = [];
  const cspConsole: string[] = [];
  rec.page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  rec.page.on('console', (m) => {
    if (/Content.Security.Policy|Refused to/i.test(m.text())) cspConsole.push(m.text());
  });
  return { ...rec, dialogs, cspConsole };
}

export async function assertNoViolations(w: Watched, where: string): Promise<void> {
  const events = await w.page.evaluate(() => (window as MapWindow).__csp ?? []);
  const all = [...events, ...w.cspConsole];
  assert(all.length === 0, `${where}: ${all.length} CSP violation(s):\n      ${all.slice(0, 10).join('\n      ')}`);
}

export async function assertNothingRan(w: Watched, where: string): Promise<void> {
  const flag = await w.page.evaluate(() => (window as MapWindow).__xss);
  assert(flag === undefined, `${where}: payload ${String(flag)} ran (window.__xss = ${String(flag)})`);
  assert(w.dialogs.length === 0, `${where}: a dialog opened: ${w.dialogs.join('; ')}`);
  assert(w.pageErrors.length === 0, `${where}: page errors: ${w.pageErrors.slice(0, 3).join('; ')}`);
}

// ---- the payload data folder ----

/** Small layers whose features get payloads (the stands are prebuilt tiles and keep their data). */
// Order matters: townships (name + name_en), then pv and wind-farms (the public project list) take the whole corpus first,
// so every payload lands somewhere both pages show; the other layers get it again for the popups.
const PAYLOAD_LAYERS = ['townships', 'pv', 'wind-farms', 'mines', 'substations', 'wind-turbines', 'carbon-pilots', 'oil-tea-bases', 'gas-pipelines', 'wetlands'];
/** Free-text attributes replaced by payloads; ids, codes and category keys stay, so the pages still join and style. */
const TEXT_KEYS = ['name', 'name_en', 'mineral', 'species', 'serves', 'note', 'description'];

export interface XssData {
  dir: string;
  /** Payload → where it was placed (layer/feature/key), for messages. */
  placed: Map<string, string>;
  townshipNames: string[];
}

export function makeXssData(dir: string): XssData {
  rmSync(dir, { recursive: true, force: true });
  cpSync(path.join(ROOT, 'data'), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}public`) });
  const placed = new Map<string, string>();
  let next = 0;
  const take = (where: string) => {
    const p = XSS_PAYLOADS[next++ % XSS_PAYLOADS.length];
    if (!placed.has(p)) placed.set(p, where);
    return p;
  };
  const townshipNames: string[] = [];
  for (const layer of PAYLOAD_LAYERS) {
    const file = path.join(dir, `${layer}.geojson`);
    if (!existsSync(file)) continue;
    const fc = JSON.parse(readFileSync(file, 'utf8')) as { features: { properties: Record<string, unknown> }[] };
    fc.features.forEach((f, i) => {
      for (const key of TEXT_KEYS) if (typeof f.properties[key] === 'string') f.properties[key] = take(`${layer}[${i}].${key}`);
      // A payload as a property key, with a payload value: keys are shown nowhere, but must pass through as data.
      f.properties[XSS_PAYLOADS[(i + 7) % XSS_PAYLOADS.length]] = XSS_PAYLOADS[(i + 11) % XSS_PAYLOADS.length];
      if (layer === 'townships') townshipNames.push(String(f.properties.name));
    });
    writeFileSync(file, JSON.stringify(fc));
  }
  return { dir, placed, townshipNames };
}

/** Text of the whole page, inputs' values and <option>s included. */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea')].map((e) => (e as HTMLInputElement).value);
    return `${document.body.innerText}\n${document.body.textContent}\n${values.join('\n')}`;
  });
}

/** Elements a payload would create if it were parsed as HTML: event-handler attributes, scripts, frames, javascript:
 * links, base/meta/link/style, forms, the payloads' <img src=x>. Returns short descriptions (empty = none). */
export async function injectedElements(page: Page, scope: string): Promise<string[]> {
  return page.evaluate((scope) => [...document.querySelectorAll(`${scope} *`)].filter((el) =>
    [...el.attributes].some((a) => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value) || a.name === 'srcdoc')
      || /^(script|iframe|object|embed|base|meta|link|style|form|marquee|keygen|isindex)$/i.test(el.tagName)
      || (el.tagName === 'IMG' && el.getAttribute('src') === 'x'),
  ).map((el) => el.outerHTML.slice(0, 120)), scope);
}

export const shownLiterally = (text: string, payloads: Iterable<string>) => [...payloads].filter((p) => text.includes(p.trim()));

// ---- the tests ----

/** Find a screen point where `layerId` is the top interactive feature; returns its id. */
async function clickable(page: Page, layers: string[], skip: string[]): Promise<{ x: number; y: number; id: string; layer: string } | null> {
  return page.evaluate(({ layers, skip }) => {
    const map = (window as MapWindow).__map!;
    const canvas = map.getCanvas();
    const w = canvas.clientWidth, h = canvas.clientHeight;
    const present = layers.filter((id) => map.getLayer(id));
    for (let y = 40; y < h - 40; y += 6) {
      for (let x = 40; x < w - 40; x += 6) {
        const hit = map.queryRenderedFeatures([x, y], { layers: present })[0];
        if (hit && hit.layer.id !== 'stands::fill') {
          const id = `${hit.layer.id}/${String(hit.properties.id ?? hit.id)}`;
          if (!skip.includes(id)) return { x, y, id, layer: hit.layer.id };
        }
      }
    }
    return null;
  }, { layers, skip });
}

/** Move the pointer down the township ranking chart; returns the text of the tooltips ECharts showed (it writes them
 * as HTML with style attributes, which is why the bureau's CSP allows style-src-attr). */
async function hoverRankingChart(page: Page): Promise<string> {
  const chart = page.getByTestId('chart-townships');
  await chart.locator('canvas').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  let text = '';
  for (let y = box.y + 20; y < box.y + box.height - 28 && text.length < 2000; y += 30) {
    await page.mouse.move(box.x + box.width / 2, y);
    await page.waitForTimeout(150);
    text += await chart.evaluate((el) => [...el.querySelectorAll('div')].filter((d) => getComputedStyle(d).position === 'absolute' && getComputedStyle(d).display !== 'none' && d.textContent).map((d) => d.textContent).join('\n'));
  }
  return text;
}

const INTERACTIVE = ['carbon-pilots::fill', 'wetlands::fill', 'mines::fill', 'pv::fill', 'wind-farms::fill', 'wind-turbines::circle', 'substations::circle', 'oil-tea-bases::fill', 'oil-tea-bases::circle', 'gas-pipelines::line', 'stands::fill'];

export function securityTests(browser: Browser, sites: { regular: TestSite; xss: TestSite }, xss: XssData): BrowserTest[] {
  const seen = new Set<string>();
  const urls = { bureau: sites.regular.url, public: `${sites.regular.url}public/`, xssBureau: sites.xss.url, xssPublic: `${sites.xss.url}public/` };
  // Both servers run at once and cookies ignore the port: each test signs its new pages in on the server it visits.
  const on = (site: TestSite, test: BrowserTest): BrowserTest => ({ name: test.name, run: () => { site.signInNewPages(true); return test.run(); } });
  const tests: [TestSite, BrowserTest][] = [
    [sites.regular, {
      name: 'the CSP recorder sees a violation when one happens (so the tests below can fail)',
      async run() {
        const w = await watchedPage(browser);
        await w.page.goto(urls.public);
        await w.page.evaluate(() => {
          const s = document.createElement('script');
          s.textContent = 'window.__xss = "inline"';
          document.body.append(s);
        });
        await waitForValue(w.page, () => ((window as MapWindow).__csp ?? []).length > 0, 5000, 'a recorded violation');
        assert((await w.page.evaluate(() => (window as MapWindow).__xss)) === undefined, 'the inline script was blocked');
        await w.page.context().close();
      },
    }],
    [sites.regular, {
      name: 'CSP: the bureau app loads, a stand popup opens, the dashboard computes, its chart tooltips show and the planner exports a PNG with no CSP violation',
      async run() {
        const w = await watchedPage(browser);
        await w.page.goto(urls.bureau);
        await waitForValue(w.page, () => { const m = (window as MapWindow).__map; return !!m && m.loaded() && !!m.getLayer('stands::fill') && m.queryRenderedFeatures({ layers: ['stands::fill'] }).length > 0; }, 120_000, 'rendered stands');
        // As bureau.spec.ts does: zoom to a township, then find a point whose top interactive feature is a stand.
        await w.page.getByTestId('township-zoom').selectOption('360732100');
        await waitForValue(w.page, () => { const m = (window as MapWindow).__map!; return m.getZoom() > 10 && m.loaded(); }, 30_000, 'zoomed in');
        const target = await waitForValue(w.page, (layers: string[]) => {
          const map = (window as MapWindow).__map!;
          if (!map.loaded()) return null;
          const c = map.getCanvas();
          for (let y = Math.round(c.clientHeight * 0.3); y < c.clientHeight * 0.8; y += 17) {
            for (let x = Math.round(c.clientWidth * 0.2); x < c.clientWidth * 0.8; x += 17) {
              const hit = map.queryRenderedFeatures([x, y], { layers: layers.filter((id) => map.getLayer(id)) })[0];
              if (hit?.layer.id === 'stands::fill') return { x, y };
            }
          }
          return null;
        }, 30_000, 'a clickable stand', INTERACTIVE);
        assert(target, 'found a stand to click');
        const box = (await w.page.getByTestId('map').boundingBox())!;
        await w.page.mouse.click(box.x + target.x, box.y + target.y);
        await w.page.getByTestId('feature-popup').waitFor({ timeout: 10_000 });
        await w.page.getByTestId('dashboard-switch').click();
        await w.page.getByTestId('dashboard').waitFor({ timeout: 120_000 });
        assert((await hoverRankingChart(w.page)).length > 0, 'the ranking chart shows tooltips');
        // The planner's PNG export reads the map canvas back through fetch(data: URL): connect-src must allow it.
        await w.page.getByTestId('planner-switch').click();
        await Promise.all([w.page.waitForEvent('download', { timeout: 30_000 }), w.page.getByTestId('export-png').click()]);
        await assertNoViolations(w, 'bureau');
        await w.page.context().close();
      },
    }],
    [sites.regular, {
      name: 'CSP: the public page loads and draws with no CSP violation',
      async run() {
        const w = await watchedPage(browser);
        await w.page.goto(urls.public);
        await w.page.getByTestId('township-table').locator('tbody tr').first().waitFor({ timeout: 60_000 });
        await waitForValue(w.page, () => { const m = (window as MapWindow).__map; return !m || m.loaded(); }, 60_000, 'map loaded');
        await assertNoViolations(w, 'public');
        await w.page.context().close();
      },
    }],
    [sites.xss, {
      name: `XSS (${XSS_PAYLOADS.length} payloads): bureau popups show payloads as text and none runs`,
      async run() {
        const w = await watchedPage(browser);
        await w.page.goto(urls.xssBureau);
        await waitForValue(w.page, () => { const m = (window as MapWindow).__map; return !!m && m.loaded() && !!m.getLayer('stands::fill'); }, 120_000, 'map loaded');
        const box = (await w.page.getByTestId('map').boundingBox())!;
        const clicked: string[] = [];
        let popupText = '';
        for (let k = 0; k < 30; k++) {
          const target = await clickable(w.page, INTERACTIVE, clicked);
          if (!target) break;
          clicked.push(target.id);
          await w.page.mouse.click(box.x + target.x, box.y + target.y);
          const popup = w.page.getByTestId('feature-popup');
          await popup.waitFor({ timeout: 10_000 });
          popupText += `\n${await popup.textContent()}`;
          const made = await injectedElements(w.page, '.feature-popup');
          assert(made.length === 0, `popup of ${target.id} holds elements made from data: ${made.join(' | ')}`);
        }
        const shown = shownLiterally(popupText, xss.placed.keys());
        for (const p of shown) seen.add(p);
        console.log(`    ${clicked.length} popups opened; ${shown.length} distinct payloads shown literally in them`);
        assert(clicked.length >= 5, `opened ${clicked.length} payload popups`);
        assert(shown.length >= 5, `payload text shown literally in popups (${shown.length})`);
        await assertNothingRan(w, 'bureau popups');
        await assertNoViolations(w, 'bureau popups');
        // The dashboard's tables and the township selector carry the township names. A fresh load (the open map popup
        // would sit over the chart) on the same watched page: the recorders survive navigation.
        await w.page.goto(`${urls.xssBureau}?dashboard`);
        await w.page.getByTestId('dashboard').waitFor({ timeout: 120_000 });
        // (The ranking chart's tooltips name townships from the stands' columns, not townships.geojson: no payload reaches
        // them; the CSP test above hovers them on the regular data.)
        let text = await pageText(w.page);
        const towns = shownLiterally(text, xss.townshipNames);
        // English names (name_en) show in English.
        await w.page.getByTestId('lang-switch').click();
        await w.page.waitForTimeout(500);
        text += await pageText(w.page);
        for (const p of shownLiterally(text, xss.placed.keys())) seen.add(p);
        console.log(`    dashboard + township selector: ${towns.length}/${xss.townshipNames.length} township-name payloads shown literally`);
        assert(towns.length === xss.townshipNames.length, `every township-name payload shown literally (${towns.length}/${xss.townshipNames.length})`);
        const made = await injectedElements(w.page, '#root');
        assert(made.length === 0, `bureau page holds elements made from data: ${made.join(' | ')}`);
        await assertNothingRan(w, 'dashboard');
        await assertNoViolations(w, 'dashboard');
        await w.page.context().close();
      },
    }],
    [sites.xss, {
      name: `XSS (${XSS_PAYLOADS.length} payloads): the public page's table, project list and descriptions show payloads as text and none runs`,
      async run() {
        const w = await watchedPage(browser);
        await w.page.goto(urls.xssPublic);
        await w.page.getByTestId('township-table').locator('tbody tr').first().waitFor({ timeout: 60_000 });
        const buttons = w.page.getByTestId('project-list').locator('button');
        const n = await buttons.count();
        for (let i = 0; i < n; i++) {
          await buttons.nth(i).click();
          await w.page.getByTestId('project-description').waitFor({ timeout: 5000 });
        }
        // The public build's pipeline step picked the projects (names carrying payloads) from the payload layers.
        const projectNames = (JSON.parse(readFileSync(path.join(xss.dir, 'public/projects.geojson'), 'utf8')) as { features: { properties: { name: string } }[] }).features.map((f) => f.properties.name);
        let text = await pageText(w.page);
        const towns = shownLiterally(text, xss.townshipNames);
        const projects = shownLiterally(text, projectNames);
        await w.page.getByTestId('lang-switch').click();
        for (let i = 0; i < n; i++) {
          await buttons.nth(i).click();
          text += await w.page.getByTestId('project-description').textContent();
        }
        text += await pageText(w.page);
        for (const p of shownLiterally(text, xss.placed.keys())) seen.add(p);
        console.log(`    public page: ${towns.length}/${xss.townshipNames.length} township and ${projects.length}/${projectNames.length} project payloads shown literally; ${n} project descriptions opened`);
        assert(towns.length === xss.townshipNames.length, `every township-name payload in the table (${towns.length}/${xss.townshipNames.length})`);
        assert(projects.length === projectNames.length, `every project-name payload in the list (${projects.length}/${projectNames.length})`);
        const made = await injectedElements(w.page, '#root');
        assert(made.length === 0, `public page holds elements made from data: ${made.join(' | ')}`);
        await assertNothingRan(w, 'public page');
        await assertNoViolations(w, 'public page');
        await w.page.context().close();
        console.log(`    ${XSS_PAYLOADS.length} payloads in the corpus, ${xss.placed.size} placed in the data, ${seen.size} seen shown literally, none ran`);
        assert(seen.size === xss.placed.size, `payloads never seen on any page: ${[...xss.placed].filter(([p]) => !seen.has(p)).map(([p, where]) => `${where}: ${p}`).slice(0, 5).join(' | ')}`);
      },
    }],
  ];
  return tests.map(([site, test]) => on(site, test));
}

/** The XSS data folder served by a second server (the regular pages are the suites' shared server), the tests, then
 * that server stopped. */
export async function runSecuritySuite(browser: Browser, runTests: (suite: string, tests: BrowserTest[]) => Promise<number>, regular: TestSite): Promise<number> {
  console.log('browser tests: the security suite, with a second server on the XSS payload data …');
  const xss = makeXssData(path.join(ROOT, 'test-output/xss-data'));
  const xssSite = await serveSignedIn(xss.dir);
  try {
    return await runTests('security', securityTests(browser, { regular, xss: xssSite }, xss));
  } finally {
    await xssSite.close();
    regular.signInNewPages(true);
  }
}
