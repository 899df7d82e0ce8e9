// The translation walk (issue 14): the bureau page (map, layer panel, a stand popup and a project popup, the dashboard,
// the planner panel) and the public page, each in 简体中文 and in English, read as a user sees them — every visible text
// node, every option of a visible select, placeholders, and the labels drawn on the map; text marked translate="no"
// (citations of sources) or lang="…" of the other language (the language switch) is skipped — and checked by
// test/i18n/untranslated.ts: no Chinese outside data names in English, no English dictionary string in Chinese.
// Also: a popup opened near the map's top-left corner stays whole inside the map (the clipped stand popup).
// Server errors (issue 22): the walk forces the server's refusals an editor and a planner meet — a future completion
// year, a missing year, markup in a name, a revert that would overwrite a later change, the leak scan refusing 发布, a
// site name the server refuses in the planner, an unreachable server — and fails on any English in the Chinese UI
// (the catalogue's English texts are in the dictionary it checks against, and the refusals are read word by word).
// And: the planner's import errors for the held-back file kinds (invalid JSON, deep nesting, a zip bomb, a NaN coordinate, a
// broken KML) and MapLibre's own control labels, in both languages (issue 24).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { zipSync } from 'fflate';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from '../../scripts/lib/serve-app.ts';
import { LAYER_GROUPS, LAYERS } from '../../src/layers/registry.ts';
import { API_MESSAGES } from '../../src/core/messages/api-messages.ts';
import { ACCOUNT_TEXT, FACTOR_STATUS, METHOD_LABEL_TEXT, METHOD_NOTE_TEXT, PLANNER_TEXT, PROJECT_KIND, RULE_TEXT, SITING_TEXT, UI_TEXT } from '../../src/ui/i18n.ts';
import { MAP_CONTROL_TEXT } from '../../src/ui/i18n-map.ts';
import { VALUE_NAMES_EN } from '../../src/ui/value-names.ts';
import { cjkLeaks, dataNames, englishLeaks, englishWords, type Finding, type ShownText } from '../i18n/untranslated.ts';
import { assert, type BrowserTest, openPage, OUTPUT_DIR, type RecordedPage, screenshotPath, waitForValue } from './harness.ts';
import { drawPolygon } from './planner.spec.ts';
import { sessionCookie, signIn } from './server.ts';

type MapWindow = Window & { __map?: import('maplibre-gl').Map };

/** Every English UI string of the dictionaries, and their Chinese twins (a string both languages share is no leak). */
function dictionary(): { en: string[]; zh: string[] } {
  const en: string[] = [];
  const zh: string[] = [];
  const pair = (t: { zh: string; en?: string }) => {
    zh.push(t.zh);
    if (t.en) en.push(t.en);
  };
  for (const table of [UI_TEXT, PLANNER_TEXT, SITING_TEXT, ACCOUNT_TEXT, RULE_TEXT, PROJECT_KIND, FACTOR_STATUS, METHOD_LABEL_TEXT, API_MESSAGES, MAP_CONTROL_TEXT]) for (const t of Object.values(table)) pair(t);
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
        await page.getByTestId('popup-zonal-open').click();
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

  /** Text that must be Chinese: no English word of four letters or more, but for the names both languages write so. */
  const englishWordsIn = (text: string) => (text.match(/[A-Za-z]{4,}/g) ?? []).filter((w) => !/^(IndexedDB|GeoJSON|JSON|HTTP)$/.test(w));

  const serverErrors: BrowserTest = {
    name: 'server errors in 简体中文: refusals in the popup, the revert question, 发布 refused by the leak scan, a refused site name, an unreachable server — no English',
    async run() {
      let rec: RecordedPage | null = null;
      try {
        rec = await openPage(browser, { width: 1280, height: 800 });
        const { page } = rec;
        await page.context().clearCookies();
        await page.context().addCookies([sessionCookie(appUrl, await signIn(appUrl, 'i18n-eve'))]);
        await page.goto(`${appUrl}?lang=zh`);
        await page.getByTestId('session-user').waitFor({ timeout: 60_000 });
        const shown: ShownText[] = [];
        const refusals: ShownText[] = [];
        const read = async (testid: string) => {
          const el = page.getByTestId(testid).last();
          await el.waitFor({ timeout: 20_000 });
          const text = (await el.innerText()).trim();
          refusals.push({ text, where: `[data-testid=${testid}]` });
          shown.push(...(await shownText(page)));
          return text;
        };
        const api = (method: string, path: string, body?: unknown) => page.evaluate(async ({ method, path, body }) => {
          const s = await (await fetch('api/session')).json() as { csrf: string };
          const r = await fetch(path, { method, headers: { 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
          return { status: r.status, body: await r.json() };
        }, { method, path, body });

        // The popup of a mine: refusals of the edit form.
        const mines = (await api('GET', 'api/projects/mines')).body as { features: { properties: { id: string; status: string }; geometry: { coordinates: number[][][] } }[] };
        const mine = mines.features.find((f) => f.properties.status !== '已修复')!;
        const ring = mine.geometry.coordinates[0];
        await page.evaluate((c) => (window as MapWindow).__map!.jumpTo({ center: c as [number, number], zoom: 16 }), [ring.reduce((a, p) => a + p[0], 0) / ring.length, ring.reduce((a, p) => a + p[1], 0) / ring.length]);
        assert(await openPopupOn(page, ['mines::fill']), 'a mine popup opened');
        const popup = page.getByTestId('feature-popup');
        await popup.getByTestId('project-edit').click();
        const attempt = async (status: string, year: string, name?: string) => {
          await popup.getByTestId('project-form-status').selectOption(status);
          await popup.getByTestId('project-form-year').fill(year);
          if (name !== undefined) await popup.getByTestId('project-form-name').fill(name);
          const before = await page.evaluate(() => document.querySelector('[data-testid="project-message"]')?.textContent ?? '');
          await popup.getByTestId('project-save').click();
          await waitForValue(page, (prev) => { const m = document.querySelector('[data-testid="project-message"]'); return m?.getAttribute('data-bad') === 'true' && m.textContent !== prev; }, 10_000, 'a refusal', before);
          return read('project-message');
        };
        const texts = [
          await attempt('已修复', String(new Date().getFullYear() + 5)),
          await attempt('已修复', ''),
          await attempt('已修复', '1999'),
          await attempt('修复中', '2020'),
          await attempt('修复中', '', '<b>名称</b>'),
        ];
        assert(texts[0].includes('晚于今年') && texts[1].includes('状态为“已修复”时须填写年份') && texts[2].includes('2000–2060') && texts[3].includes('只有状态为“已修复”时才填写年份') && texts[4].includes('名称不能包含控制字符或 < >'), `the refusals: ${texts.join(' | ')}`);
        await popup.getByRole('button', { name: '取消' }).click();
        // A revert that would overwrite a later change: the question.
        const id = mine.properties.id;
        const e1 = await api('PATCH', `api/projects/mines/${id}`, { notes: '一' });
        await api('PATCH', `api/projects/mines/${id}`, { notes: '二' });
        await page.keyboard.press('Escape');
        await page.locator('.maplibregl-popup-close-button').click().catch(() => undefined);
        assert(await openPopupOn(page, ['mines::fill']), 'the popup again');
        await page.locator(`[data-testid="project-change"][data-change="${e1.body.audit}"] [data-testid="project-revert"]`).click();
        await read('project-revert-confirm');
        await page.getByTestId('project-revert-cancel').click();
        // The server unreachable: the save says so in Chinese.
        await popup.getByTestId('project-edit').click();
        await page.context().setOffline(true);
        await popup.getByTestId('project-save').click();
        await waitForValue(page, () => document.querySelector('[data-testid="project-message"]')?.textContent === '无法连接服务器', 10_000, 'the network failure said');
        assert((await read('project-message')).includes('无法连接服务器'), 'an unreachable server said in Chinese');
        await page.context().setOffline(false);
        await popup.getByRole('button', { name: '取消' }).click();

        // 发布 refused by the leak scan (a stand id in a project's name).
        const leak = await api('PATCH', 'api/projects/pv/pv-butou-fishery', { name: '埠头渔光互补 360732100-012-034' });
        assert(leak.status === 200, `the leaking name saved (${leak.status})`);
        await page.getByTestId('publish').click();
        await waitForValue(page, () => document.querySelector('[data-testid="publish-message"]')?.getAttribute('data-bad') === 'true', 180_000, '发布 refused');
        assert((await read('publish-message')).includes('未通过泄露检查'), 'the leak scan refusal in Chinese');
        assert((await api('POST', `api/audit/${leak.body.audit}/revert`, {})).status === 200, 'the leaking name reverted');

        // The planner: a name the server refuses is marked with the reason, the status says a site is not synced.
        await page.getByTestId('planner-switch').click();
        await page.getByTestId('planner-panel').waitFor({ timeout: 60_000 });
        await waitForValue(page, () => !!(window as MapWindow & { __draw?: unknown }).__draw, 60_000, 'Terra Draw');
        // The mine's popup from above must not catch the drawing clicks: closed first.
        for (const close of await page.locator('.maplibregl-popup-close-button').all()) await close.click().catch(() => undefined);
        await page.getByTestId('draw-polygon').click();
        await drawPolygon(page, [[300, 250], [500, 250], [500, 420], [300, 420]], 200);
        await page.getByTestId('site-name').first().waitFor({ timeout: 30_000 });
        await waitForValue(page, () => document.querySelector('[data-testid="planner-sync-status"]')?.getAttribute('data-status') === 'synced', 40_000, 'the drawn site synced');
        await page.getByTestId('site-name').first().fill('<i>标记</i>');
        await waitForValue(page, () => document.querySelector('[data-testid="planner-sync-status"]')?.getAttribute('data-status') === 'partial', 40_000, 'the refusal');
        await read('site-sync-problem');
        await read('planner-sync-problem');
        await read('planner-sync-status');

        const leaks = [...englishLeaks(shown, dict.en, dict.zh), ...refusals.flatMap((r) => englishWordsIn(r.text).map((w) => ({ ...r, problem: `English word "${w}" in a server message: "${r.text}"` })))];
        assert(refusals.length >= 10, `the walk read the refusals (${refusals.length})`);
        assert(leaks.length === 0, report(leaks, 'server-errors-zh'));
        assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.join(' | ')}`);
      } finally {
        await rec?.page.context().close();
      }
    },
  };


  /** The held-back file kinds a planner met, written here: each fails (or is rejected) with its own message. */
  const heldBack = (() => {
    const dir = mkdtempSync(path.join(tmpdir(), 'i18n-import-'));
    const u8 = (t: string) => new TextEncoder().encode(t);
    const files: [string, Uint8Array][] = [
      ['invalid.geojson', u8('{"type":"FeatureCollection",\n"features":[{"type":"Feature" "geometry":null}]}')],
      ['deep.geojson', u8(`{"type":"Feature","properties":{},"geometry":${'{"type":"GeometryCollection","geometries":['.repeat(40)}${']}'.repeat(40)}}`)],
      ['bomb.kmz', zipSync({ 'doc.kml': new Uint8Array(8 * 1024 * 1024) }, { level: 9 })],
      ['nan.geojson', u8('{"type":"FeatureCollection","features":[\n{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[115.3,NaN]}}]}')],
      ['broken.kml', u8('<?xml version="1.0"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n<Placemark><name>a &b; c</name>\n<Point><coordinates>115.3,26.3</coordinates></Point>\n</Placemark>\n</Document></kml>')],
    ];
    return files.map(([name, bytes]) => { const p = path.join(dir, name); writeFileSync(p, bytes); return p; });
  })();
  /** Words both languages write in these messages: format names, XML/JSON tokens, the files' own names and values. */
  const TECHNICAL = /^(JSON|GeoJSON|XML|KML|KMZ|GeometryCollection|NaN|Infinity|Folder|Google|Earth|EPSG|CGCS2000|WKT|zip|kmz|kml|doc|amp|invalid|deep|bomb|nan|broken|geojson|utf-?|UTF-?|gbk|WGS|MapLibre)$/i;

  const importWalk = (lang: 'zh' | 'en'): BrowserTest => ({
    name: `planner import errors (invalid JSON, deep nesting, zip bomb, NaN coordinates, broken KML) and MapLibre's control labels in ${lang === 'zh' ? '简体中文' : 'English'}`,
    async run() {
      let rec: RecordedPage | null = null;
      try {
        rec = await openPage(browser, { width: 1280, height: 800 });
        const { page } = rec;
        await page.goto(`${appUrl}?planner&lang=${lang}`);
        await page.getByTestId('planner-panel').waitFor({ timeout: 60_000 });
        await waitForValue(page, () => { const m = (window as MapWindow).__map; return !!m && m.loaded(); }, 60_000, 'map loaded');
        await page.getByTestId('open-import').click();
        await page.getByTestId('import-input').setInputFiles(heldBack);
        await waitForValue(page, (n) => document.querySelectorAll('[data-testid="import-report"]').length === n, 60_000, 'a report per file', heldBack.length);
        const reports = await page.evaluate(() => [...document.querySelectorAll('[data-testid="import-report"]')].map((r) => ({
          file: r.getAttribute('data-file')!, text: [...r.querySelectorAll('p, li')].map((e) => e.textContent ?? '').join(' | '),
        })));
        const shown: ShownText[] = reports.map((r) => ({ text: r.text, where: `import report ${r.file}` }));
        // MapLibre's own labels: every control button's tooltip and aria-label, the canvas's label.
        const controls = await page.evaluate(() => [
          ...[...document.querySelectorAll('.maplibregl-ctrl button')].flatMap((b) => [b.getAttribute('title'), b.getAttribute('aria-label')]),
          document.querySelector('.maplibregl-canvas')?.getAttribute('aria-label'),
        ].filter((t): t is string => !!t));
        shown.push(...controls.map((text) => ({ text, where: 'map control' })));
        assert(controls.length >= 4, `the map's control labels were read: ${controls.join(', ')}`);
        for (const name of ['NavigationControl.ZoomIn', 'NavigationControl.ZoomOut', 'Map.Title'] as const) {
          assert(controls.includes(MAP_CONTROL_TEXT[name][lang]), `${name} is "${MAP_CONTROL_TEXT[name][lang]}": ${controls.join(', ')}`);
        }
        const byFile = Object.fromEntries(reports.map((r) => [r.file, r.text]));
        const place = lang === 'zh' ? /第 \d+ 行第 \d+ 列/ : /line \d+, column \d+/;
        for (const f of ['invalid.geojson', 'nan.geojson', 'broken.kml']) assert(place.test(byFile[f] ?? ''), `${f} says where: ${byFile[f]}`);
        const advice = lang === 'zh' ? /请/ : /\b(Check|Fix|Split|unzip|export)/;
        for (const f of Object.keys(byFile)) assert(advice.test(byFile[f]), `${f} says what to do: ${byFile[f]}`);
        const findings = lang === 'en' ? cjkLeaks(shown, names) : [...englishLeaks(shown, dict.en, dict.zh), ...englishWords(shown, TECHNICAL)];
        assert(findings.length === 0, report(findings, `import-${lang}`));
        await page.screenshot({ path: screenshotPath(`i18n-import-${lang}`) });
      } finally {
        await rec?.page.context().close();
      }
    },
  });

  return [
    importWalk('zh'),
    importWalk('en'),
    popupInside,
    bureauWalk('zh'),
    bureauWalk('en'),
    ...(publicUrl ? [publicWalk('zh'), publicWalk('en')] : []),
    // Last: it changes project features (and reverts what the public figures would show).
    serverErrors,
  ];
}
