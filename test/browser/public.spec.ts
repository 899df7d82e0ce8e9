// Browser tests of the public page on its own build (dist-public): the choropleth renders and switches indicator, the
// table matches plan-progress.json, projects and townships explain themselves, keyboard and share links work, zh/en,
// phone (360×740) and desktop (1280×800) layouts with screenshots, and no request leaves the page's origin.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { waitForChoropleth, waitWith } from '../../scripts/lib/browser.ts';
import { ROOT } from '../../scripts/lib/serve-app.ts';
import { assert, type BrowserTest, foreignRequests, openPage, type RecordedPage, screenshotPath, waitForValue } from './harness.ts';

type MapWindow = Window & { __map?: import('maplibre-gl').Map };

const numberIn = (text: string) => Number(text.replace(/[^\d.-]/g, ''));

interface PlanJson {
  townships: Record<string, number | string>[];
  targets: { id: string; value: number; unit: string; status: string }[];
  county: Record<string, number> & { uncertainty: { carbon_stock_tCO2e: [number, number]; annual_sink_tCO2e: [number, number] } };
  factors_version: string;
  unverified_share: { carbon_stock: number; annual_sink: number };
}

export function publicTests(browser: Browser, appUrl: string): BrowserTest[] {
  let rec: RecordedPage;
  let plan: PlanJson;
  const allRequests: string[] = [];
  const pageErrors: string[] = [];
  const track = (r: RecordedPage) => {
    r.page.on('request', (q) => allRequests.push(q.url()));
    r.page.on('pageerror', (e) => pageErrors.push(String(e)));
  };

  return [
    {
      name: 'desktop 1280×800: the choropleth, badge, cards, legend and data date render from data/public',
      async run() {
        rec = await openPage(browser, { width: 1280, height: 800 });
        track(rec);
        await rec.page.goto(appUrl);
        const ms = await waitForChoropleth(rec.page, 'coverage');
        plan = await rec.page.evaluate(() => fetch('data/public/plan-progress.json').then((r) => r.json()));
        const { page } = rec;
        assert((await page.getByTestId('sample-badge').textContent()) === '示例数据', 'sample-data badge shown');
        const fill = await page.evaluate(() => JSON.stringify((window as MapWindow).__map!.getPaintProperty('township-stats::fill', 'fill-color')));
        assert(fill.includes('coverage_pct') && fill.includes('step'), `fill follows coverage classes: ${fill.slice(0, 120)}`);
        const projects = await page.evaluate(() => (window as MapWindow).__map!.queryRenderedFeatures({ layers: ['public-projects::circle'] }).length);
        assert(projects >= 4, `project markers drawn (${projects})`);
        assert((await page.locator('.target-card').count()) >= 7, 'plan-progress cards shown');
        const coverageCard = page.getByTestId('target-forest_coverage');
        const t = plan.targets.find((x) => x.id === 'forest_coverage')!;
        const shown = numberIn((await coverageCard.getByTestId('target-value').textContent())!);
        assert(Math.abs(shown - t.value) < 0.006, `coverage card ${shown} = plan-progress ${t.value}`);
        assert((await coverageCard.getAttribute('data-status')) === t.status, 'card status from plan-progress.json');
        assert((await page.getByTestId('legend').locator('li').count()) >= 4, 'choropleth legend has classes');
        assert((await page.getByTestId('data-date').textContent())!.includes('2026'), 'data date shown');
        assert((await page.getByTestId('explainer').textContent())!.includes('碳汇'), 'carbon-sink explanation shown');
        console.log(`    desktop choropleth drawn ${Math.round(ms)} ms after navigation`);
        await page.screenshot({ path: screenshotPath('public-desktop-zh') });
      },
    },
    {
      name: 'the township table matches plan-progress.json (every row, every indicator, county totals)',
      async run() {
        const rows = await rec.page.getByTestId('township-table').locator('tbody tr').evaluateAll((trs) =>
          trs.map((tr) => ({ code: tr.getAttribute('data-code'), cells: Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.getAttribute('data-col'), td.textContent ?? ''])) })));
        assert(rows.length === plan.townships.length && rows.length >= 20, `one row per township (${rows.length})`);
        const cols: [string, string, number][] = [
          ['coverage', 'coverage_pct', 2], ['carbon_density', 'carbon_density_tC_per_ha', 1], ['carbon_total', 'carbon_stock_tCO2e', 0],
          ['sink', 'annual_sink_tCO2e', 0], ['upgrade', 'upgrade_share_pct', 2], ['upgrade_mu', 'upgrade_mu', 0],
        ];
        for (const [i, row] of rows.entries()) {
          const src = plan.townships[i];
          assert(row.code === src.code, `row ${i} is ${src.code}`);
          for (const [col, key, digits] of cols) {
            const shown = numberIn(row.cells[col]);
            assert(Math.abs(shown - Number(src[key])) <= 0.5 * 10 ** -digits + 1e-9, `${src.code} ${key}: table ${row.cells[col]} vs ${src[key]}`);
          }
        }
        const foot = await rec.page.locator('tfoot tr td').evaluateAll((tds) => Object.fromEntries(tds.map((td) => [td.getAttribute('data-col'), td.textContent ?? ''])));
        assert(Math.abs(numberIn(foot.coverage) - plan.county.coverage_pct) < 0.006, 'county coverage row');
        assert(Math.abs(numberIn(foot.sink) - plan.county.annual_sink_tCO2e) < 0.6, 'county sink row');
        const upgrade = plan.targets.find((x) => x.id === 'low_yield_forest_upgrade')!.value;
        assert(Math.abs(numberIn(foot.upgrade_mu) - upgrade) <= 0.5 + 0.05 * rows.length, `township upgrades add up to the upgrade card (${foot.upgrade_mu} vs ${upgrade})`);
      },
    },
    {
      name: 'carbon figures: stock and net sink with their 95 % intervals, density in t C/ha of forest, method, factor table and unverified share — equal to the targets CLI',
      async run() {
        const { page } = rec;
        // The targets CLI runs the same core in Node on data/ (another runtime and loading path); the page reads data/public.
        const out = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/targets.ts'), '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
        assert(out.status === 0, `targets CLI failed: ${out.stderr}`);
        const cli = JSON.parse(out.stdout).county as {
          carbon_stock_tCO2e: number; annual_sink_tCO2e: number; gross_growth_tCO2e: number; carbon_density_tC_per_ha: number;
          uncertainty: { carbon_stock_tCO2e: [number, number]; annual_sink_tCO2e: [number, number] };
          provenance: { unverified_share: { carbon_stock: number; annual_sink: number }; factors_version: string };
        };
        const card = async (key: string) => (await page.locator(`[data-total="${key}"] dd`).textContent())!;
        const numbers = (text: string) => (text.match(/[\d,]+(\.\d+)?/g) ?? []).map((x) => Number(x.replace(/,/g, '')));
        const [stock, , slo, shi] = numbers(await card('carbon'));
        assert(Math.abs(stock - cli.carbon_stock_tCO2e) <= 0.5, `stock ${stock} vs CLI ${cli.carbon_stock_tCO2e}`);
        assert(Math.abs(slo - cli.uncertainty.carbon_stock_tCO2e[0]) <= 0.5 && Math.abs(shi - cli.uncertainty.carbon_stock_tCO2e[1]) <= 0.5,
          `stock interval ${slo}–${shi} vs CLI ${cli.uncertainty.carbon_stock_tCO2e}`);
        assert(slo < stock && stock < shi, 'the interval contains the stock');
        const [sink, , nlo, nhi] = numbers(await card('sink'));
        assert(Math.abs(sink - cli.annual_sink_tCO2e) <= 0.5, `net sink ${sink} vs CLI ${cli.annual_sink_tCO2e}`);
        assert(Math.abs(nlo - cli.uncertainty.annual_sink_tCO2e[0]) <= 0.5 && Math.abs(nhi - cli.uncertainty.annual_sink_tCO2e[1]) <= 0.5, 'net sink interval = CLI');
        const [gross] = numbers(await card('gross'));
        assert(Math.abs(gross - cli.gross_growth_tCO2e) <= 0.5 && sink < gross, `gross growth ${gross} shown apart and above the net sink`);
        const [density, densityCo2] = numbers(await card('density'));
        assert(Math.abs(density - cli.carbon_density_tC_per_ha) <= 0.05, `density ${density} t C/ha vs CLI ${cli.carbon_density_tC_per_ha}`);
        assert(Math.abs(densityCo2 - (cli.carbon_density_tC_per_ha * 44) / 12) <= 0.05, 't CO2e/ha beside it');
        const note = (await page.getByTestId('carbon-provenance').textContent())!;
        assert(note.includes(cli.provenance.factors_version), `factor table named: ${note}`);
        assert(note.includes(`${Math.round(cli.provenance.unverified_share.carbon_stock * 100)}%`) && note.includes(`${Math.round(cli.provenance.unverified_share.annual_sink * 100)}%`), `unverified shares: ${note}`);
        const explainer = (await page.getByTestId('explainer').textContent())!;
        assert(!explainer.includes('参数取自《省级'), 'no claim that the parameters were taken from the guideline');
        assert(explainer.includes('尚未与指南原文核对'), 'says the guideline table was not checked');
        const foot = await page.locator('tfoot tr td[data-col="carbon_density"]').textContent();
        assert(Math.abs(numberIn(foot!) - cli.carbon_density_tC_per_ha) <= 0.05, `county density row ${foot}`);
      },
    },
    {
      name: 'switching the indicator recolours the map, the legend, the table column and the share link',
      async run() {
        const { page } = rec;
        await page.getByTestId('indicator-sink').check();
        await waitForChoropleth(page, 'sink');
        const fill = await page.evaluate(() => JSON.stringify((window as MapWindow).__map!.getPaintProperty('township-stats::fill', 'fill-color')));
        assert(fill.includes('annual_sink_tCO2e'), 'fill follows the annual sink');
        assert((await page.getByTestId('legend').locator('h3').first().textContent())!.startsWith('年净碳汇量'), 'legend title follows');
        assert((await page.locator('th.is-active').getAttribute('data-col')) === 'sink', 'table highlights the sink column');
        assert(page.url().includes('indicator=sink'), `URL carries the indicator: ${page.url()}`);
        assert((await page.getByTestId('share-url').inputValue()).includes('indicator=sink'), 'share box carries it');
        await page.screenshot({ path: screenshotPath('public-desktop-sink') });
      },
    },
    {
      name: 'clicking a township and choosing a project explain them as text',
      async run() {
        const { page } = rec;
        const target = await page.evaluate(() => {
          const map = (window as MapWindow).__map!;
          const c = map.getCanvas();
          for (let y = Math.round(c.clientHeight * 0.3); y < c.clientHeight * 0.7; y += 13) {
            for (let x = Math.round(c.clientWidth * 0.3); x < c.clientWidth * 0.7; x += 13) {
              const hits = map.queryRenderedFeatures([x, y], { layers: ['public-projects::circle', 'township-stats::fill'] });
              if (hits.length === 1 && hits[0].layer.id === 'township-stats::fill') return { x, y, code: String(hits[0].properties.code) };
            }
          }
          return null;
        });
        assert(target, 'found a township to click');
        const box = (await page.getByTestId('map').boundingBox())!;
        await page.mouse.click(box.x + target.x, box.y + target.y);
        const picked = page.getByTestId('picked');
        await waitForValue(page, () => document.querySelector('[data-testid="picked"]')?.getAttribute('data-layer') === 'township-stats', 10_000, 'township details');
        const row = plan.townships.find((r) => r.code === target.code)!;
        assert((await picked.locator('h3').textContent()) === row.name, `details name ${row.name}`);
        const sink = numberIn((await picked.locator('tr[data-field="annual_sink_tCO2e"] td').textContent())!);
        assert(sink === Number(row.annual_sink_tCO2e), `details sink ${sink} = ${row.annual_sink_tCO2e}`);
        assert((await page.locator(`tbody tr[data-code="${target.code}"]`).getAttribute('class')) === 'is-selected', 'table row marked');
        const first = page.getByTestId('project-list').locator('button').first();
        await first.click();
        await page.getByTestId('project-description').waitFor({ timeout: 5000 });
        assert((await page.getByTestId('project-description').textContent())!.length > 10, 'project description shown');
        assert((await page.locator('[data-testid="picked"] script, [data-testid="picked"] img').count()) === 0, 'text only');
        await waitForValue(page, () => (window as MapWindow).__map!.getZoom() >= 10.9 && !(window as MapWindow).__map!.isMoving(), 15_000, 'map moved to the project');
        await page.screenshot({ path: screenshotPath('public-project-zh') });
      },
    },
    {
      name: 'zh/en switch: UI, table, details and map labels change language',
      async run() {
        const { page } = rec;
        await page.getByTestId('lang-switch').click();
        await waitForValue(page, () => document.querySelector('h1')?.textContent?.startsWith('Xingguo County') ?? false, 5000, 'English title');
        assert((await page.locator('html').getAttribute('lang')) === 'en', 'html lang en');
        assert((await page.getByTestId('sample-badge').textContent()) === 'Sample data', 'badge in English');
        assert((await page.locator('thead th').first().textContent()) === 'Township', 'table header in English');
        assert((await page.getByTestId('project-description').textContent())!.match(/[A-Za-z]{4}/), 'project description in English');
        const field = await page.evaluate(() => JSON.stringify((window as MapWindow).__map!.getLayoutProperty('township-stats::label', 'text-field')));
        assert(field.includes('name_en'), 'map labels use name_en');
        assert(page.url().includes('lang=en'), 'URL carries the language');
        await page.screenshot({ path: screenshotPath('public-desktop-en') });
      },
    },
    {
      name: 'a share link restores indicator, view and language',
      async run() {
        const r = await openPage(browser, { width: 1280, height: 800 });
        track(r);
        await r.page.goto(`${appUrl}#indicator=upgrade&map=10.50/26.35000/115.40000&lang=en`);
        await waitForChoropleth(r.page, 'upgrade', 60_000, 1);
        assert(await r.page.getByTestId('indicator-upgrade').isChecked(), 'upgrade indicator chosen');
        const view = await r.page.evaluate(() => { const m = (window as MapWindow).__map!; return { z: m.getZoom(), lat: m.getCenter().lat, lon: m.getCenter().lng }; });
        assert(Math.abs(view.z - 10.5) < 0.01 && Math.abs(view.lat - 26.35) < 1e-4 && Math.abs(view.lon - 115.4) < 1e-4, `view restored ${JSON.stringify(view)}`);
        assert((await r.page.locator('h1').textContent())!.startsWith('Xingguo'), 'English restored');
        await r.page.context().close();
      },
    },
    {
      name: 'keyboard: skip link, visible focus, indicator by arrow keys, map focusable',
      async run() {
        const r = await openPage(browser, { width: 1280, height: 800 });
        track(r);
        const { page } = r;
        await page.goto(appUrl);
        await waitForChoropleth(page, 'coverage');
        await page.keyboard.press('Tab');
        assert(await page.evaluate(() => document.activeElement?.classList.contains('skip-link')), 'first Tab reaches the skip link');
        const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
        assert(outline !== 'none', `focus is visible (outline ${outline})`);
        await page.keyboard.press('Tab'); // language switch
        await page.keyboard.press('Tab'); // indicator radio group
        assert(await page.evaluate(() => (document.activeElement as HTMLInputElement)?.name === 'indicator'), 'Tab reaches the indicator');
        assert(await page.evaluate(() => getComputedStyle(document.activeElement!.closest('label')!).outlineStyle !== 'none'), 'indicator focus visible');
        await page.keyboard.press('ArrowRight');
        await waitForChoropleth(page, 'carbon_density');
        assert(page.url().includes('indicator=carbon_density'), 'arrow key changed the indicator');
        await page.locator('.maplibregl-canvas').focus();
        const z0 = await page.evaluate(() => (window as MapWindow).__map!.getZoom());
        await page.keyboard.press('Equal');
        await waitWith(page, (z: number) => (window as MapWindow).__map!.getZoom() > z + 0.5, z0, 5000, 'keyboard zoom');
        await page.context().close();
      },
    },
    {
      name: 'phone 360×740: one column, no sideways scrolling, map and table usable',
      async run() {
        const r = await openPage(browser, { width: 360, height: 740 });
        track(r);
        const { page } = r;
        await page.goto(appUrl);
        await waitForChoropleth(page, 'coverage');
        const layout = await page.evaluate(() => ({
          scrollWidth: document.scrollingElement!.scrollWidth,
          map: document.querySelector('[data-testid="map"]')!.getBoundingClientRect().toJSON(),
          table: document.querySelector('.table-scroll')!.getBoundingClientRect().toJSON(),
        }));
        assert(layout.scrollWidth <= 360, `page fits 360 px (scrollWidth ${layout.scrollWidth})`);
        assert(layout.map.width >= 320 && layout.map.height >= 280, `map usable: ${JSON.stringify(layout.map)}`);
        assert(layout.table.right <= 360, 'table scrolls inside its own box');
        await page.screenshot({ path: screenshotPath('public-phone-zh') });
        await page.screenshot({ path: screenshotPath('public-phone-zh-full'), fullPage: true });
        // Tapping a project in the list, far below the map, brings the map into view (it used to stay ~2,000 px above).
        const project = page.locator('[data-testid="project-list"] button[data-project]').first();
        await project.scrollIntoViewIfNeeded();
        const before = await page.evaluate(() => document.querySelector('.pub-map')!.getBoundingClientRect().top);
        assert(before < 0, `the map is above the list before the tap (top ${before})`);
        await project.tap().catch(() => project.click());
        const top = await waitForValue(page, () => {
          const t = document.querySelector('.pub-map')!.getBoundingClientRect().top;
          return t > -2 && t < window.innerHeight / 2 ? t : null;
        }, 10_000, 'the map scrolled into view');
        assert(top !== null, 'map in view after the tap');
        await page.screenshot({ path: screenshotPath('public-phone-project-tapped') });
        await page.context().close();
      },
    },
    {
      name: 'no request left the page origin, nothing internal was requested, no page errors',
      async run() {
        const foreign = foreignRequests(allRequests, appUrl);
        assert(allRequests.length > 10, `requests were recorded (${allRequests.length})`);
        assert(foreign.length === 0, `requests to other origins: ${foreign.join(', ')}`);
        const internal = allRequests.filter((u) => /stands|wind-turbines|substations|gas-pipelines/.test(u));
        assert(internal.length === 0, `internal or unused layers requested: ${internal.join(', ')}`);
        assert(pageErrors.length === 0, `page errors: ${pageErrors.join(' | ')}`);
        await rec.page.context().close();
      },
    },
  ];
}
