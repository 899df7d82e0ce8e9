// The translation walk (issue 14): the bureau page (map, layer panel, a stand popup and a project popup, the dashboard,
// the planner panel) and the public page, each in 简体中文 and in English, read as a user sees them — every visible text
// node, every option of a visible select, placeholders, and the labels drawn on the map; text marked translate="no"
// (citations of sources) or lang="…" of the other language (the language switch) is skipped — and checked by
// test/i18n/untranslated.ts: no Chinese outside data names in English, no English dictionary string in Chinese.
// Also: a popup opened near the map's top-left corner stays whole inside the map (the clipped stand popup).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from '../../scripts/lib/serve-app.ts';
import { LAYER_GROUPS, LAYERS } from '../../src/layers/registry.ts';
import { FACTOR_STATUS, METHOD_LABEL_TEXT, METHOD_NOTE_TEXT, PLANNER_TEXT, PROJECT_KIND, RULE_TEXT, UI_TEXT } from '../../src/ui/i18n.ts';
import { VALUE_NAMES_EN } from '../../src/ui/value-names.ts';
import { cjkLeaks, dataNames, englishLeaks, type Finding, type ShownText } from '../i18n/untranslated.ts';
import { assert, type BrowserTest, openPage, OUTPUT_DIR, type RecordedPage, screenshotPath, waitForValue } from './harness.ts';

type MapWindow = Window & { __map?: import('maplibre-gl').Map };

/** Every English UI string of the dictionaries, and their Chinese twins (a string both languages share is no leak). */
function dictionary(): { en: string[]; zh: string[] } {
  const en: string[] = [];
  const zh: string[] = [];
  const pair = (t: { zh: string; en?: string }) => {
    zh.push(t.zh);
    if (t.en) en.push(t.en);
  };
  for (const table of [UI_TEXT, PLANNER_TEXT, RULE_TEXT, PROJECT_KIND, FACTOR_STATUS, METHOD_LABEL_TEXT]) for (const t of Object.values(table)) pair(t);
  for (const t of Object.values(METHOD_NOTE_TEXT)) for (const x of [t.figure, t.formula, t.formulaFang]) if (x) pair(x);
  for (const [z, e] of Object.entries(VALUE_NAMES_EN)) pair({ zh: z, en: e });
  for (const l of LAYERS) {
    pair(l.name);
    for (const f of l.popup.fields) pair(f.label);
  }
  for (const g of LAYER_GROUPS) pair(g.name);
  return { en, zh };
}

/** What the page shows: visible text nodes (outside elements marked as another language), options and placeholders. */
async function shownText(page: Page): Promise<ShownText[]> {
  return page.evaluate(() => {
    const pageLang = document.documentElement.lang.slice(0, 2);
    const where = (el: Element) => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
        const id = e.getAttribute('data-testid');
        parts.unshift(id ? `[data-testid=${id}]` : `${e.tagName.toLowerCase()}${e.classList[0] ? `.${e.classList[0]}` : ''}`);
        if (id) break;
      }
      return parts.join(' > ');
    };
    // Marked as another language (the language switch) or as not to be translated (citations of sources).
    const otherLang = (el: Element) => {
      if (el.closest('[translate="no"]')) return true;
      const l = el.closest('[lang]')?.getAttribute('lang')?.slice(0, 2);
      return !!l && l !== pageLang;
    };
    const visible = (el: Element) => {
      if (!(el instanceof HTMLElement) && !(el instanceof SVGElement)) return false;
      if (el.closest('details:not([open]) > :not(summary)')) return false;
      return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const out: { text: string; where: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = (n.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (!el || !text || el.closest('script, style, option') || !visible(el) || otherLang(el)) continue;
      out.push({ text, where: where(el) });
    }
    for (const sel of document.querySelectorAll('select')) {
      if (!visible(sel) || otherLang(sel)) continue;
      for (const o of sel.options) out.push({ text: o.text.trim(), where: `${where(sel)} > option` });
    }
    for (const el of document.querySelectorAll('[placeholder]')) {
      if (visible(el) && !otherLang(el)) out.push({ text: el.getAttribute('placeholder')!, where: `${where(el)}[placeholder]` });
    }
    // Labels drawn on the map: the text-field of each symbol layer, evaluated for its rendered features.
    const map = (window as MapWindow).__map;
    if (map) {
      const symbolIds = map.getStyle().layers.filter((l) => l.type === 'symbol' && map.getLayoutProperty(l.id, 'visibility') !== 'none').map((l) => l.id);
      for (const f of map.queryRenderedFeatures({ layers: symbolIds })) {
        const field = map.getLayoutProperty(f.layer.id, 'text-field') as unknown;
        const keys = JSON.stringify(field).match(/"get","(\w+)"/g)?.map((g) => g.slice(7, -1)) ?? [];
        const key = keys.find((k) => f.properties[k] != null);
        if (key) out.push({ text: String(f.properties[key]), where: `map label ${f.layer.id}` });
      }
    }
    return out;
  });
}

/** Clicks the first feature of `layerIds` found on the map (scanning a grid) and waits for its popup. */
async function openPopupOn(page: Page, layerIds: string[]): Promise<string | null> {
  const target = await waitForValue(page, (ids: string[]) => {
    const map = (window as MapWindow).__map!;
    if (!map.loaded()) return null;
    const canvas = map.getCanvas();
    const present = ids.filter((id) => map.getLayer(id));
    for (let y = 60; y < canvas.clientHeight - 60; y += 13) {
      for (let x = 60; x < canvas.clientWidth - 60; x += 13) {
        const hit = map.queryRenderedFeatures([x, y], { layers: present })[0];
        if (hit) return { x, y, layer: hit.layer.id };
      }
    }
    return { x: -1, y: -1, layer: '' };
  }, 60_000, `a feature of ${layerIds.join(', ')}`, layerIds);
  if (!target || target.x < 0) return null;
  const box = (await page.getByTestId('map').boundingBox())!;
  await page.mouse.click(box.x + target.x, box.y + target.y);
  await page.getByTestId('feature-popup').waitFor({ timeout: 15_000 });
  return target.layer;
}

/** The findings, each once; all of them in test-output/i18n-<name>.txt, the first 40 in the failure message. */
function report(findings: Finding[], name: string): string {
  const seen = new Set<string>();
  const lines = findings.filter((f) => !seen.has(f.problem + f.where) && seen.add(f.problem + f.where)).map((f) => `      ${f.problem} at ${f.where}`);
  writeFileSync(path.join(OUTPUT_DIR, `i18n-${name}.txt`), lines.join('\n'));
  return `${lines.length} untranslated (all in test-output/i18n-${name}.txt):\n${lines.slice(0, 40).join('\n')}`;
}

export function i18nTests(browser: Browser, appUrl: string, publicUrl: string | null): BrowserTest[] {
  const names = dataNames(path.join(ROOT, 'data'));
  const dict = dictionary();
  const check = (lang: 'zh' | 'en', shown: ShownText[]) => (lang === 'en' ? cjkLeaks(shown, names) : englishLeaks(shown, dict.en, dict.zh));

  const bureauWalk = (lang: 'zh' | 'en'): BrowserTest => ({
    name: `bureau page in ${lang === 'zh' ? '简体中文' : 'English'}: map, layer panel, popups, dashboard and planner are all in ${lang}`,
    async run() {
      let rec: RecordedPage | null = null;
      try {
        rec = await openPage(browser, { width: 1280, height: 800 });
        const { page } = rec;
        await page.goto(`${appUrl}?lang=${lang}&dashboard`);
        await page.getByTestId('dashboard').waitFor({ timeout: 120_000 });
        await page.locator('[data-testid^="target-"][data-status]').first().waitFor({ timeout: 60_000 });
        await waitForValue(page, () => { const m = (window as MapWindow).__map; return !!m && m.loaded() && m.queryRenderedFeatures({ layers: ['stands::fill'] }).length > 0; }, 120_000, 'stands drawn');
        // the county's land cover and the 监测图斑 card (issue 25) read too
        await page.locator('[data-testid="dashboard-zonal"] [data-testid="zonal-landcover"]').waitFor({ timeout: 120_000 });
        const shown: ShownText[] = [...(await shownText(page))];
        // A project popup at county zoom, then a stand popup in a township.
        const projectLayer = await openPopupOn(page, ['wetlands::fill', 'pv::fill', 'mines::fill', 'carbon-pilots::fill', 'substations::circle']);
        if (projectLayer) shown.push(...(await shownText(page)));
        await page.getByTestId('township-zoom').selectOption('360732100');
        await waitForValue(page, () => { const m = (window as MapWindow).__map!; return m.getZoom() > 10 && m.loaded() && !m.isMoving(); }, 60_000, 'zoomed in');
        await page.getByTestId('dashboard-switch').click();
        assert(await openPopupOn(page, ['stands::fill']), 'a stand popup opened');
        await page.locator('[data-testid="popup-zonal"] [data-testid="zonal-landcover"]').waitFor({ timeout: 60_000 });
        shown.push(...(await shownText(page)));
        await page.screenshot({ path: screenshotPath(`i18n-bureau-${lang}`) });
        await page.getByTestId('planner-switch').click();
        await page.getByTestId('planner-panel').waitFor({ timeout: 60_000 });
        shown.push(...(await shownText(page)));
        // the 监测图斑 list (issue 25)
        await page.getByTestId('planner-switch').click();
        await page.getByTestId('patches-switch').click();
        await page.getByTestId('patches-count').waitFor({ timeout: 60_000 });
        shown.push(...(await shownText(page)));
        const findings = check(lang, shown);
        assert(shown.length > 200, `the walk read the page (${shown.length} texts)`);
        assert(findings.length === 0, report(findings, `bureau-${lang}`));
        assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.join(' | ')}`);
      } finally {
        await rec?.page.context().close();
      }
    },
  });

  const publicWalk = (lang: 'zh' | 'en'): BrowserTest => ({
    name: `public page in ${lang === 'zh' ? '简体中文' : 'English'}: every visible string, the factor table and the map labels are in ${lang}`,
    async run() {
      let rec: RecordedPage | null = null;
      try {
        rec = await openPage(browser, { width: 1280, height: 800 });
        const { page } = rec;
        await page.goto(`${publicUrl}#lang=${lang}`);
        await waitForValue(page, (l: string) => document.documentElement.lang.startsWith(l), 30_000, `page in ${lang}`, lang);
        await page.getByTestId('explainer').waitFor({ timeout: 60_000 });
        await waitForValue(page, () => { const m = (window as MapWindow).__map; return !!m && m.loaded(); }, 60_000, 'map loaded');
        // Open every <details> (the factor table, more targets) so their contents are read too.
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
        const shown = await shownText(page);
        const findings = check(lang, shown);
        assert(shown.length > 100, `the walk read the page (${shown.length} texts)`);
        assert(findings.length === 0, report(findings, `public-${lang}`));
      } finally {
        await rec?.page.context().close();
      }
    },
  });

  const popupInside: BrowserTest = {
    name: 'a stand popup opened at each corner and at the centre of a short map stays whole inside the map (960×440)',
    async run() {
      let rec: RecordedPage | null = null;
      try {
        rec = await openPage(browser, { width: 960, height: 440 });
        const { page } = rec;
        await page.goto(appUrl);
        await waitForValue(page, () => { const m = (window as MapWindow).__map; return !!m && m.loaded() && !!m.getLayer('stands::fill'); }, 120_000, 'map loaded');
        await page.getByTestId('township-zoom').selectOption('360732100');
        await waitForValue(page, () => { const m = (window as MapWindow).__map!; return m.getZoom() > 10 && m.loaded() && !m.isMoving(); }, 60_000, 'zoomed to a township');
        await waitForValue(page, () => (window as MapWindow).__map!.queryRenderedFeatures({ layers: ['stands::fill'] }).length > 0, 60_000, 'stands drawn');
        const centre = await page.evaluate(() => (window as MapWindow).__map!.getCenter().toArray() as [number, number]);
        // The centre: a popup taller than half the map fits neither above nor below the point (the clipped stand popup).
        const corners = [['top', 'left'], ['top', 'right'], ['bottom', 'left'], ['bottom', 'right'], ['centre', 'centre']] as const;
        for (const [v, h] of corners) {
          // Pan a stand under the map's centre to the corner (16–150 px from its edges, clear of the map's controls and the year slider), click it.
          const point = await page.evaluate(async ([v, h]) => {
            const map = (window as MapWindow).__map!;
            const w = map.getCanvas().clientWidth, ht = map.getCanvas().clientHeight;
            const clickable = ['carbon-pilots::fill', 'wetlands::fill', 'mines::fill', 'pv::fill', 'wind-farms::fill', 'wind-turbines::circle', 'substations::circle', 'stands::fill'];
            const topIsStand = (x: number, y: number) => map.queryRenderedFeatures([x, y], { layers: clickable.filter((id) => map.getLayer(id)) })[0]?.layer.id === 'stands::fill';
            let from: [number, number] | null = null;
            for (let r = 0; r < 200 && !from; r += 7) {
              for (const [dx, dy] of [[r, 0], [-r, 0], [0, r], [0, -r], [r, r], [-r, -r]]) if (!from && topIsStand(w / 2 + dx, ht / 2 + dy)) from = [w / 2 + dx, ht / 2 + dy];
            }
            if (!from) return null;
            // 16 px from both edges, or the nearest point to the corner that no map control covers.
            const rect = map.getCanvas().getBoundingClientRect();
            const spots = h === 'centre' ? [[Math.round(w / 2), Math.round(ht / 2)] as [number, number]]
              : [16, 40, 70, 110, 150].flatMap((d) => [16, 40, 70, 110, 150].map((e) => [h === 'left' ? d : w - d, v === 'top' ? e : ht - e] as [number, number]));
            const to = spots.sort((a, b) => Math.max(Math.min(a[0], w - a[0]), Math.min(a[1], ht - a[1])) - Math.max(Math.min(b[0], w - b[0]), Math.min(b[1], ht - b[1])))
              .find(([x, y]) => document.elementFromPoint(rect.left + x, rect.top + y) === map.getCanvas());
            if (!to) return null;
            map.panBy([from[0] - to[0], from[1] - to[1]], { animate: false });
            await new Promise((resolve) => map.once('idle', resolve));
            return topIsStand(to[0], to[1]) ? { x: to[0], y: to[1] } : null;
          }, [v, h] as const);
          if (!point) await page.screenshot({ path: screenshotPath(`popup-corner-${v}-${h}`) });
          assert(point, `a stand near the ${v}-${h} corner`);
          const box = (await page.getByTestId('map').boundingBox())!;
          await page.mouse.click(box.x + point.x, box.y + point.y);
          await page.getByTestId('feature-popup').waitFor({ timeout: 15_000 });
          await page.waitForTimeout(400); // the ResizeObserver's re-anchoring
          const r = await page.evaluate(() => {
            const popup = document.querySelector('.maplibregl-popup')!.getBoundingClientRect();
            const map = document.querySelector('[data-testid="map"]')!.getBoundingClientRect();
            return { popup: [popup.left, popup.top, popup.right, popup.bottom], map: [map.left, map.top, map.right, map.bottom] };
          });
          const inside = r.popup[0] >= r.map[0] - 0.5 && r.popup[1] >= r.map[1] - 0.5 && r.popup[2] <= r.map[2] + 0.5 && r.popup[3] <= r.map[3] + 0.5;
          if (!inside) await page.screenshot({ path: screenshotPath(`popup-clipped-${v}-${h}`) });
          assert(inside, `popup opened at the ${v}-${h} corner (${point.x}, ${point.y}) is inside the map: popup ${r.popup.map(Math.round)} map ${r.map.map(Math.round)}`);
          await page.keyboard.press('Escape');
          await page.locator('.maplibregl-popup-close-button').click().catch(() => undefined);
          await waitForValue(page, () => !document.querySelector('.maplibregl-popup'), 10_000, 'popup closed');
          await page.evaluate(async (c) => {
            const map = (window as MapWindow).__map!;
            map.jumpTo({ center: c });
            await new Promise((resolve) => map.once('idle', resolve));
          }, centre);
        }
      } finally {
        await rec?.page.context().close();
      }
    },
  };

  return [
    popupInside,
    bureauWalk('zh'),
    bureauWalk('en'),
    ...(publicUrl ? [publicWalk('zh'), publicWalk('en')] : []),
  ];
}
