// Carbon-sink projects in the planner (issue 27, the browser "Done when"): a project built from two sites drawn with
// the mouse on synthetic 宜林地 and one 乔木林 stand picked on the map — refused as already forest, with the rule's quote
// and source — computed in the planner's worker; its per-year table (every column, full precision) and the CSV it
// exports equal `npm run project -- <saved project.json> --json` run in Node on the project the server saved; the
// printed 项目设计文件（草稿） (page.pdf → pdftotext, pdftoppm) names the methodology, its map is not blank and is framed
// on the parcels, which the map shows coloured by eligibility.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bbox, booleanWithin } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import type { Browser } from 'playwright-core';
import { isForest, type StandProperties } from '../../src/core/inventory/schema.ts';
import { RULES } from '../../src/core/projects/eligibility.ts';
import type { ProjectReport } from '../../src/core/projects/run.ts';
import { ROOT } from '../../scripts/lib/serve-app.ts';
import { boxPolygon, readSitingData, squareInStand, type Box } from '../fixtures/siting-spots.ts';
import { assert, type BrowserTest, openPage, OUTPUT_DIR, type RecordedPage, screenshotPath, waitForValue } from './harness.ts';
import { drawPolygon } from './planner.spec.ts';

type MapWindow = Window & { __map?: import('maplibre-gl').Map; __draw?: unknown; __printed?: number };

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

export function carbonProjectTests(browser: Browser, appUrl: string): BrowserTest[] {
  let rec: RecordedPage;
  const dir = mkdtempSync(path.join(tmpdir(), 'carbon-project-'));
  const data = readSitingData(path.join(ROOT, 'data'));
  // A 乔木林 stand meeting the forest definition, and the two 宜林地 stands nearest to it that hold a 0.0016° square.
  const forest = squareInStand(data, (p) => p.land_class === '乔木林地' && isForest(p));
  const [fx0, fy0, fx1, fy1] = bbox(forest.stand);
  const fc = [(fx0 + fx1) / 2, (fy0 + fy1) / 2];
  const bare: { box: Box; stand: Feature<Polygon, StandProperties> }[] = [];
  const byDistance = data.stands.filter((s) => s.properties.land_class === '宜林地')
    .map((s) => { const b = bbox(s); return { s, c: [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2], d: Math.hypot((b[0] + b[2]) / 2 - fc[0], (b[1] + b[3]) / 2 - fc[1]) }; })
    .sort((a, b) => a.d - b.d);
  for (const { s, c } of byDistance) {
    const box: Box = [c[0] - 0.0008, c[1] - 0.0008, c[0] + 0.0008, c[1] + 0.0008];
    if (booleanWithin(boxPolygon(box), s)) bare.push({ box, stand: s });
    if (bare.length === 2) break;
  }
  let report: ProjectReport | null = null;
  let savedFile = '';

  async function frame(b: Box) {
    const { page } = rec;
    await page.evaluate((x) => (window as MapWindow).__map!.fitBounds([[x[0], x[1]], [x[2], x[3]]], { padding: 120, duration: 0 }), b);
    await waitForValue(page, () => { const m = (window as MapWindow).__map!; return m.loaded() && !m.isMoving(); }, 30_000, 'map framed');
  }
  async function pixels(points: [number, number][]) {
    return rec.page.evaluate((pts) => { const m = (window as MapWindow).__map!; return pts.map((c) => { const p = m.project(c); return [Math.round(p.x), Math.round(p.y)] as [number, number]; }); }, points);
  }

  return [
    {
      name: 'two sites drawn on 宜林地 and a picked 乔木林 stand: the stand is refused as already forest (rule not_forest with its quote and source), the sites are eligible, the map colours them',
      async run() {
        assert(bare.length === 2, 'two 宜林地 stands near the forest stand hold a square');
        rec = await openPage(browser, { width: 1400, height: 900 });
        const { page } = rec;
        // The document calls window.print() once its map has loaded: count the call, keep the dialog away.
        await page.addInitScript(() => { const w = window as unknown as { __printed: number; print: () => void }; w.__printed = 0; w.print = () => { w.__printed++; }; });
        await page.goto(`${appUrl}?planner`);
        await page.getByTestId('planner-panel').waitFor({ timeout: 60_000 });
        await waitForValue(page, () => { const m = (window as MapWindow).__map; return !!m && m.loaded() && !!(window as MapWindow).__draw; }, 60_000, 'map and Terra Draw');
        for (const [i, b] of bare.entries()) {
          await frame(b.box);
          const corners = await pixels([[b.box[0], b.box[1]], [b.box[2], b.box[1]], [b.box[2], b.box[3]], [b.box[0], b.box[3]]]);
          await page.getByTestId('draw-polygon').click();
          await drawPolygon(page, corners);
          await waitForValue(page, (n) => document.querySelectorAll('[data-testid="planner-site"]').length === n, 15_000, `site ${i + 1} drawn`, i + 1);
          await page.keyboard.press('Escape');
        }
        await page.getByTestId('draw-static').click();
        await page.getByTestId('cp-open').click();
        await page.getByTestId('cp-name').fill('浏览器测试碳汇项目');
        await page.getByTestId('cp-add-all').click();
        await waitForValue(page, () => document.querySelectorAll('[data-testid="cp-parcel"]').length === 2, 10_000, 'two parcels from the sites');
        // Pick the forest stand: the next click on the map.
        await frame(forest.box);
        await page.getByTestId('cp-pick-stand').click();
        await page.getByTestId('cp-picking').waitFor();
        const [[px, py]] = await pixels([[(forest.box[0] + forest.box[2]) / 2, (forest.box[1] + forest.box[3]) / 2]]);
        const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
        await page.mouse.click(canvas.x + px, canvas.y + py);
        await waitForValue(page, () => document.querySelectorAll('[data-testid="cp-parcel"]').length === 3, 30_000, 'the picked stand as the third parcel');
        const third = page.getByTestId('cp-parcel').nth(2);
        assert(await third.getAttribute('data-source') === 'stand', 'the third parcel is a stand');
        assert((await third.textContent())?.includes(forest.stand.properties.id), `the picked stand is ${forest.stand.properties.id}`);
        await page.getByTestId('cp-run').click();
        await waitForValue(page, () => document.querySelector('[data-testid="cp-results"]')?.getAttribute('data-fresh') === 'true', 120_000, 'the project computed');
        const rows = await page.getByTestId('cp-parcel-eligibility').evaluateAll((trs) => trs.map((t) => ({ id: t.getAttribute('data-parcel'), eligible: t.getAttribute('data-eligible'), failed: t.getAttribute('data-failed') })));
        assert(rows.length === 3, `three parcels checked (${JSON.stringify(rows)})`);
        assert(rows[0].eligible === 'true' && rows[1].eligible === 'true', `the two drawn sites are eligible: ${JSON.stringify(rows)}`);
        assert(rows[2].eligible === 'false' && rows[2].failed!.split(',').includes('not_forest'), `the stand fails not_forest: ${JSON.stringify(rows[2])}`);
        const rule = page.locator('[data-testid="cp-parcel-eligibility"][data-parcel="P3"] [data-testid="cp-rule"][data-rule="not_forest"]');
        const ruleText = (await rule.textContent()) ?? '';
        assert(ruleText.includes(RULES.not_forest.quote) && ruleText.includes(RULES.not_forest.source) && ruleText.includes(RULES.not_forest.title_zh), `the refusal quotes the rule and its source: ${ruleText}`);
        // The map shows the parcels by eligibility.
        const statuses = await waitForValue(page, () => {
          const m = (window as MapWindow).__map!;
          if (!m.getLayer('planner-carbon-project::fill')) return null;
          const s = [...new Set(m.queryRenderedFeatures({ layers: ['planner-carbon-project::fill'] }).map((f) => String(f.properties.status)))].sort();
          return s.length ? s : null;
        }, 15_000, 'the parcels on the map');
        assert(statuses!.includes('failing'), `the picked stand is drawn as failing (${statuses})`);
        assert((await page.getByTestId('cp-methodology').textContent())?.includes('AR-ACM0003 (CDM), not the CCER text'), 'the methodology is named');
        assert((await page.getByTestId('cp-chart-bar').count()) === 30, 'the chart has a bar per crediting year');
        await page.screenshot({ path: screenshotPath('carbon-project'), fullPage: false });
      },
    },
    {
      name: 'saved on the server (version 1, history); the per-year table and the CSV equal `npm run project -- <saved project> --json`',
      async run() {
        const { page } = rec;
        await page.getByTestId('cp-save').click();
        await waitForValue(page, () => document.querySelector('[data-testid="cp-panel"]')?.getAttribute('data-saved-version') === '1', 15_000, 'saved as version 1');
        const id = (await page.getByTestId('cp-panel').getAttribute('data-saved-id'))!;
        const saved = await page.evaluate(async (pid) => (await (await fetch(`/api/carbon-projects/${pid}`)).json()) as { version: number; project: unknown }, id);
        assert(saved.version === 1, 'the server has version 1');
        savedFile = path.join(dir, 'saved-project.json');
        writeFileSync(savedFile, JSON.stringify(saved.project, null, 1));
        const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/project.ts'), savedFile, '--json', '--data', path.join(ROOT, 'data')], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
        report = JSON.parse(out) as ProjectReport;
        writeFileSync(path.join(OUTPUT_DIR, 'carbon-project-cli.json'), out);
        assert(report.eligibility.eligible.join(',') === 'P1,P2' && report.eligibility.failing[0]?.rules.includes('not_forest'), `the CLI agrees on eligibility: ${JSON.stringify(report.eligibility.failing)}`);
        const shown = await page.getByTestId('cp-year').evaluateAll((trs) => trs.map((t) => Object.fromEntries(['t', 'year', 'actual', 'baseline', 'leakage', 'deduction', 'net', 'net-95', 'cumulative', 'cumulative-95', 'value-central', 'present-central']
          .map((k) => [k, t.getAttribute(`data-${k}`)!]))));
        assert(shown.length === report.years.length && shown.length === 30, `30 crediting years shown (${shown.length}, CLI ${report.years.length})`);
        let compared = 0;
        report.years.forEach((y, i) => {
          const s = shown[i];
          const v = report!.value.by_year.find((x) => x.year === y.year)!;
          const pairs: [string, number, number][] = [
            ['t', Number(s.t), y.t], ['year', Number(s.year), y.year], ['actual', Number(s.actual), y.actual_tCO2e], ['baseline', Number(s.baseline), y.baseline_tCO2e],
            ['leakage', Number(s.leakage), y.leakage_tCO2e], ['deduction', Number(s.deduction), y.deduction_project_tCO2e + y.deduction_baseline_tCO2e], ['net', Number(s.net), y.net_tCO2e],
            ['net95 low', Number(s['net-95'].split(',')[0]), y.net_95[0]], ['net95 high', Number(s['net-95'].split(',')[1]), y.net_95[1]], ['cumulative', Number(s.cumulative), y.cumulative_net_tCO2e],
            ['cum95 low', Number(s['cumulative-95'].split(',')[0]), y.cumulative_95[0]], ['cum95 high', Number(s['cumulative-95'].split(',')[1]), y.cumulative_95[1]],
            ['value', Number(s['value-central']), v.revenue_cny.central], ['present value', Number(s['present-central']), v.present_revenue_cny.central],
          ];
          for (const [k, got, want] of pairs) { assert(close(got, want), `year ${y.t} ${k}: page ${got}, CLI ${want}`); compared++; }
        });
        assert(report.totals.net_tCO2e > 0 && report.years[0].net_95[0] <= report.years[0].net_tCO2e && report.years[0].net_tCO2e <= report.years[0].net_95[1], 'net removals positive, the interval holds the central value');
        const totals = page.getByTestId('cp-totals');
        assert(close(Number(await totals.getAttribute('data-net')), report.totals.net_tCO2e), 'the total equals the CLI');
        console.log(`    carbon-project: ${compared} figures of ${report.years.length} years equal the CLI; net ${report.totals.net_tCO2e.toFixed(1)} t CO2e (95 %: ${report.totals.net_95.map((x) => x.toFixed(1)).join('–')}) on ${report.eligibility.eligible_area_mu.toFixed(2)} 亩`);
        // The CSV the page exports.
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('cp-export-csv').click()]);
        const csvPath = path.join(dir, 'years.csv');
        await download.saveAs(csvPath);
        const lines = readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter((l) => l && !/^"?#/.test(l)).map((l) => l.split(','));
        const [head, ...body] = lines;
        assert(body.length === report.years.length, `the CSV has ${body.length} years`);
        for (const [i, y] of report.years.entries()) {
          assert(close(Number(body[i][head.indexOf('net_tCO2e')]), y.net_tCO2e) && close(Number(body[i][head.indexOf('cumulative_95_low')]), y.cumulative_95[0]), `CSV year ${y.t} equals the CLI`);
        }
        await page.getByTestId('cp-history').click();
        await waitForValue(page, () => document.querySelectorAll('[data-testid="cp-history-list"] li').length === 1, 10_000, 'the history lists version 1');
      },
    },
    {
      name: 'the printed 项目设计文件（草稿） (page.pdf → pdftotext, pdftoppm): the methodology named, the map not blank and framed on the parcels',
      async run() {
        const { page } = rec;
        await page.getByTestId('cp-print').click();
        await page.getByTestId('cp-document').waitFor({ state: 'attached', timeout: 60_000 });
        await waitForValue(page, () => { const i = document.querySelector('[data-testid="cp-doc-map"]') as HTMLImageElement | null; return !!i && i.complete && i.naturalWidth > 100; }, 30_000, 'the document map image');
        await waitForValue(page, () => ((window as MapWindow).__printed ?? 0) > 0, 10_000, 'the print dialog called');
        const bounds = JSON.parse((await page.getByTestId('cp-doc-map').getAttribute('data-bounds'))!) as Box;
        const parcels = [...bare.map((b) => b.box), bbox(forest.stand) as Box];
        const pb: Box = [Math.min(...parcels.map((b) => b[0])), Math.min(...parcels.map((b) => b[1])), Math.max(...parcels.map((b) => b[2])), Math.max(...parcels.map((b) => b[3]))];
        assert(pb[0] >= bounds[0] && pb[1] >= bounds[1] && pb[2] <= bounds[2] && pb[3] <= bounds[3], `every parcel is inside the printed map (${pb} in ${bounds})`);
        const share = Math.max((pb[2] - pb[0]) / (bounds[2] - bounds[0]), (pb[3] - pb[1]) / (bounds[3] - bounds[1]));
        assert(share > 0.4, `the map is framed on the parcels: they span ${(share * 100).toFixed(0)} % of it`);
        const pdf = path.join(dir, 'pdd.pdf');
        await page.pdf({ path: pdf, format: 'A4', printBackground: true });
        const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
        writeFileSync(path.join(OUTPUT_DIR, 'carbon-project-pdd.txt'), text);
        const flat = text.replace(/\s+/g, '');
        for (const want of ['项目设计文件（草稿）', 'AR-ACM0003(CDM),nottheCCERtext', '浏览器测试碳汇项目', RULES.not_forest.quote.replace(/\s+/g, '').slice(0, 20), 'AR-TOOL14']) {
          assert(flat.includes(want), `the PDF shows “${want}” (text in test-output/carbon-project-pdd.txt)`);
        }
        execFileSync('pdftoppm', ['-r', '50', '-f', '1', '-l', '1', pdf, path.join(dir, 'pdd')]);
        const ppm = readFileSync(path.join(dir, readdirSync(dir).find((f) => /^pdd.*\.ppm$/.test(f))!));
        const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
        const [pw, ph] = [Number(header[1]), Number(header[2])];
        const px = ppm.subarray(header[0].length);
        let nonWhite = 0;
        const colours = new Set<number>();
        for (let i = 0; i < pw * ph * 3; i += 3) {
          const [r, g, b] = [px[i], px[i + 1], px[i + 2]];
          if (r < 245 || g < 245 || b < 245) nonWhite++;
          colours.add(((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3));
        }
        assert(nonWhite > 0.15 * pw * ph && colours.size > 200, `the first page holds a map (${(100 * nonWhite / (pw * ph)).toFixed(0)} % non-white, ${colours.size} colours)`);
        console.log(`    carbon-project: PDD page 1 ${pw}×${ph} px, ${(100 * nonWhite / (pw * ph)).toFixed(0)} % non-white, ${colours.size} colours; parcels span ${(share * 100).toFixed(0)} % of the map`);
        await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
        await waitForValue(page, () => !document.querySelector('[data-testid="cp-document"]'), 5_000, 'the document closed');
        await page.close();
      },
    },
  ];
}
