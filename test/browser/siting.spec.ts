// The siting rules and the carbon effect by site type in the browser (issue 24, the first "Done when"): a PV site
// drawn with the mouse across synthetic 永久基本农田 and 生态保护红线 over forest, and 造林 sites drawn on bare land and
// on forest. For each, the rules met (as the rule table, src/core/analysis/siting-rules.ts, says for the land under
// it), their areas (against @turf/intersect + @turf/area in Node, within 0.5 %) and the signs of the carbon effect are
// checked in the panel, on the map (the highlight), in the printed report (page.pdf → pdftotext; its map) and in the
// sites CSV; the server's own record of each site (computed from its data folder) agrees with the panel.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { area, bbox } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { SITING_RULES, type SitingRule } from '../../src/core/analysis/siting-rules.ts';
import type { SiteType } from '../../src/core/analysis/site-types.ts';
import { parseCsv } from '../../src/core/io/csv.ts';
import { isForest, type StandProperties } from '../../src/core/inventory/schema.ts';
import { ROOT } from '../../scripts/lib/serve-app.ts';
import { farmlandMeetsRedline, overlapTurf, readSitingData, squareInStand, type Box, type SitingData } from '../fixtures/siting-spots.ts';
import { assert, type BrowserTest, openPage, OUTPUT_DIR, type RecordedPage, screenshotPath, waitForValue } from './harness.ts';
import { drawPolygon } from './planner.spec.ts';

type MapWindow = Window & { __map?: import('maplibre-gl').Map; __draw?: { getSnapshot: () => Feature[] } };
const MU = 10000 / 15;
const KIND_LAYER: Record<string, string> = { permanent_farmland: 'permanent-farmland', ecological_redline: 'ecological-redline', urban_boundary: 'urban-boundary' };

/** The rules the rule table says a site meets and their areas in 亩, from turf in Node (every stand and polygon scanned). */
function expectedFindings(type: SiteType, site: Polygon, d: SitingData): Map<string, number> {
  const [x0, y0, x1, y1] = bbox(site);
  const near = d.stands.filter((s) => { const b = bbox(s); return !(b[0] > x1 || b[2] < x0 || b[1] > y1 || b[3] < y0); });
  const matches = (t: Extract<SitingRule['target'], { kind: 'land' }>, p: StandProperties) =>
    t.classes.includes(p.land_class) && (!t.origin || p.origin === t.origin) &&
    (t.coverBelow === undefined || p.canopy < t.coverBelow) && (t.coverAtLeast === undefined || p.canopy >= t.coverAtLeast);
  const out = new Map<string, number>();
  for (const r of SITING_RULES.filter((x) => x.types.includes(type))) {
    let m2 = 0;
    if (r.target.kind === 'constraint') m2 = overlapTurf(site, d.constraints[KIND_LAYER[r.target.constraint]]);
    else if (r.target.kind === 'land') { const t = r.target; m2 = overlapTurf(site, near.filter((s) => matches(t, s.properties))); }
    else m2 = area(site) - overlapTurf(site, near);
    if (m2 / MU > 0.05) out.set(r.id, m2 / MU);
  }
  return out;
}

interface Shown { rule: string; verdict: string; mu: number }

async function shownFindings(page: Page): Promise<Shown[]> {
  return page.locator('[data-testid="siting-findings"] tbody tr').evaluateAll((rows) => rows.map((r) => ({
    rule: r.getAttribute('data-rule')!, verdict: r.getAttribute('data-verdict')!, mu: Number(r.getAttribute('data-area-mu')),
  })));
}

const close = (got: number, want: number) => Math.abs(got - want) <= 0.005 * want + 0.01;

export function sitingTests(browser: Browser, appUrl: string): BrowserTest[] {
  let rec: RecordedPage;
  const data = readSitingData(path.join(ROOT, 'data'));
  const dir = mkdtempSync(path.join(tmpdir(), 'siting-'));
  const isBare = (p: StandProperties) => p.land_class === '宜林地' || p.land_class === '迹地';
  const plan: { name: string; type: SiteType; box: Box }[] = [
    { name: '光伏跨线', type: '光伏', box: farmlandMeetsRedline(data) },
    { name: '造林宜林地', type: '造林', box: squareInStand(data, isBare).box },
    { name: '造林有林地', type: '造林', box: squareInStand(data, (p) => p.land_class === '乔木林地' && isForest(p)).box },
  ];
  const drawn = new Map<string, { id: string; geometry: Polygon; findings: Shown[]; expected: Map<string, number>; stock: number; sink: number; gain: number | null; kept: number | null; eligible: number | null; avoided: number | null; verdict: string }>();

  /** Draws the box with the mouse (framed on the map first), names and types the new site, waits for its analysis. */
  async function drawSite(name: string, type: SiteType, box: Box) {
    const { page } = rec;
    await page.evaluate((b) => (window as MapWindow).__map!.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: 120, duration: 0 }), box);
    await waitForValue(page, () => { const m = (window as MapWindow).__map!; return m.loaded() && !m.isMoving(); }, 30_000, 'map framed');
    const corners = await page.evaluate((b) => {
      const m = (window as MapWindow).__map!;
      return ([[b[0], b[1]], [b[2], b[1]], [b[2], b[3]], [b[0], b[3]]] as [number, number][]).map((c) => { const p = m.project(c); return [Math.round(p.x), Math.round(p.y)] as [number, number]; });
    }, box);
    const before = await page.getByTestId('planner-site').count();
    await page.getByTestId('draw-polygon').click();
    await drawPolygon(page, corners);
    await waitForValue(page, (n) => document.querySelectorAll('[data-testid="planner-site"]').length === n + 1, 15_000, `site ${name} added`, before);
    await page.keyboard.press('Escape');
    const item = page.getByTestId('planner-site').nth(before);
    const id = (await item.getAttribute('data-site-id'))!;
    await item.getByTestId('site-name').fill(name); // focusing the name selects the site
    await item.getByTestId('site-type').selectOption(type);
    // The panel shows this site's analysis, made for this type (the previous site may have had the same type).
    await waitForValue(page, ([n, t]: [string, string]) => {
      const a = document.querySelector('[data-testid="planner-analysis"]');
      return a?.closest('section')?.querySelector('h3 [data-value]')?.textContent === n && a.querySelector(`[data-testid="carbon-effect"][data-type="${t}"]`) !== null;
    }, 60_000, `the analysis of ${name} as ${type}`, [name, type] as [string, string]);
    const geometry = await page.evaluate((sid) => (window as MapWindow).__draw!.getSnapshot().find((f) => String(f.id) === sid)!.geometry, id) as Polygon;
    assert(geometry?.type === 'Polygon' && geometry.coordinates[0].length === 5, `${name}: drawn as a 4-corner polygon`);
    const value = async (testId: string) => { const l = page.getByTestId(testId); return (await l.count()) ? Number(await l.getAttribute('data-value')) : null; };
    drawn.set(name, {
      id, geometry, findings: await shownFindings(page), expected: expectedFindings(type, geometry, data),
      stock: (await value('carbon-stock-change'))!, sink: (await value('carbon-sink-change'))!, gain: await value('carbon-gain'), kept: await value('carbon-kept'),
      eligible: await value('carbon-eligible'), avoided: await value('carbon-avoided'), verdict: (await page.getByTestId('siting').getAttribute('data-verdict'))!,
    });
  }

  /** The rules shown are the rules the table says, with the turf areas; the verdict is the most serious. */
  function checkFindings(name: string) {
    const d = drawn.get(name)!;
    for (const [rule, mu] of d.expected) {
      const f = d.findings.find((x) => x.rule === rule);
      assert(f, `${name}: the rule ${rule} (${mu.toFixed(2)} 亩 by turf) is listed; shown: ${d.findings.map((x) => x.rule).join(', ')}`);
      assert(close(f.mu, mu), `${name}: ${rule} ${f.mu.toFixed(3)} 亩 vs turf ${mu.toFixed(3)} 亩`);
      assert(f.verdict === SITING_RULES.find((r) => r.id === rule)!.verdict, `${name}: ${rule} has the table's verdict`);
    }
    for (const f of d.findings) assert(d.expected.has(f.rule) || f.mu < 0.05, `${name}: ${f.rule} (${f.mu} 亩) is not expected by the table`);
    const order = ['禁止', '需审批', '注意', '允许'];
    const worst = d.findings.map((f) => f.verdict).sort((a, b) => order.indexOf(a) - order.indexOf(b))[0];
    assert(d.verdict === worst, `${name}: verdict ${d.verdict} is the most serious finding (${worst})`);
  }

  return [
    {
      name: 'a PV site drawn across synthetic 永久基本农田 and 生态保护红线 over forest: 禁止, the rules and areas of the table (turf, 0.5 %), losses negative, avoided emissions positive, the map highlight',
      async run() {
        rec = await openPage(browser, { width: 1366, height: 860 });
        const { page } = rec;
        await page.goto(`${appUrl}?planner`);
        await page.getByTestId('planner-panel').waitFor({ timeout: 60_000 });
        await waitForValue(page, () => { const m = (window as MapWindow).__map; return !!m && m.loaded() && !!(window as MapWindow).__draw; }, 60_000, 'map and Terra Draw');
        const { name, type, box } = plan[0];
        await drawSite(name, type, box);
        const d = drawn.get(name)!;
        for (const rule of ['farmland-pv', 'redline-build', 'pv-forest']) assert(d.expected.has(rule), `the drawn PV site meets ${rule} by turf`);
        checkFindings(name);
        assert(d.verdict === '禁止', `verdict 禁止, got ${d.verdict}`);
        const standsCarbon = Number(await page.getByTestId('planner-analysis').getAttribute('data-carbon-tco2e'));
        const standsSink = Number(await page.getByTestId('planner-analysis').getAttribute('data-sink-tco2e'));
        assert(standsCarbon > 0 && d.stock < 0 && Math.abs(d.stock + standsCarbon) < 1e-6 * standsCarbon, `stock change ${d.stock} = −${standsCarbon} (cleared forest is a loss)`);
        assert(d.sink === -standsSink && d.sink < 0, `sink change ${d.sink} = −${standsSink}`);
        assert(d.avoided !== null && d.avoided > 0, `avoided emissions ${d.avoided} > 0, listed apart`);
        assert(d.gain === null && d.kept === null, 'no gain and no kept forest for PV');
        assert((await page.getByTestId('siting-synthetic').textContent())?.includes('模拟数据'), 'the control lines are marked 模拟数据');
        // The highlight: the affected parts on the map, coloured by verdict, 禁止 among them.
        const verdicts = await waitForValue(page, () => {
          const m = (window as MapWindow).__map!;
          if (!m.getLayer('planner-siting::fill')) return null;
          const v = [...new Set(m.queryRenderedFeatures({ layers: ['planner-siting::fill'] }).map((f) => String(f.properties.verdict)))];
          return v.length ? v : null;
        }, 30_000, 'the siting highlight on the map');
        assert(verdicts?.includes('禁止'), `highlight verdicts ${verdicts}`);
        await page.screenshot({ path: screenshotPath('siting-pv') });
      },
    },
    {
      name: '造林 on bare land: 允许, the gain counted (positive, with − without) and nothing lost; on forest: flagged 注意, kept, not a loss and no gain',
      async run() {
        for (const { name, type, box } of plan.slice(1)) {
          await drawSite(name, type, box);
          checkFindings(name);
        }
        const bare = drawn.get('造林宜林地')!;
        const siteMu = area(bare.geometry) / MU;
        assert(bare.verdict === '允许' && bare.findings.every((f) => f.rule === 'afforest-bare'), `bare land: only afforest-bare, got ${bare.findings.map((f) => f.rule)}`);
        assert(bare.stock === 0 && bare.sink === 0, `bare land: no loss (${bare.stock}, ${bare.sink})`);
        assert(bare.gain !== null && bare.gain > 0, `bare land: a gain after 30 years (${bare.gain})`);
        assert(bare.kept === 0 && close(bare.eligible!, siteMu), `bare land: eligible ${bare.eligible} ≈ the site ${siteMu}, nothing kept`);
        const forest = drawn.get('造林有林地')!;
        assert(forest.verdict === '注意' && forest.findings.some((f) => f.rule === 'afforest-stocked'), `forest: flagged, got ${forest.verdict} ${forest.findings.map((f) => f.rule)}`);
        assert(forest.stock === 0 && forest.sink === 0, `forest: not counted as a loss (${forest.stock}, ${forest.sink})`);
        assert(close(forest.kept!, siteMu) && forest.eligible === 0 && forest.gain === 0, `forest: kept ${forest.kept} ≈ ${siteMu}, eligible ${forest.eligible}, gain ${forest.gain}`);
        const text = (await rec.page.getByTestId('planner-analysis').textContent()) ?? '';
        assert(!text.includes('年净碳汇损失'), 'an afforestation site does not read "年净碳汇损失"');
      },
    },
    {
      name: 'the printed report of each site (page.pdf → pdftotext) shows the verdict, every rule with its area and the signed carbon effect; the highlight is on the printed map (against the same capture without it)',
      async run() {
        const { page } = rec;
        await page.evaluate(() => { const w = window as unknown as { print: () => void }; w.print = () => undefined; });
        for (const [name, d] of drawn) {
          await page.locator(`[data-testid="planner-site"][data-site-id="${d.id}"] [data-testid="site-select"]`).click();
          await page.getByTestId('carbon-effect').waitFor();
          await page.getByTestId('export-print').click();
          await page.getByTestId('print-report').waitFor({ state: 'attached', timeout: 60_000 });
          await waitForValue(page, () => { const i = document.querySelector('[data-testid="print-map"]') as HTMLImageElement | null; return !!i && i.complete && i.naturalWidth > 100; }, 30_000, 'the report map image');
          // Before page.pdf, which fires afterprint (the report then leaves the page).
          for (const v of new Set(d.findings.map((f) => f.verdict))) assert((await page.locator(`[data-testid="print-legend"] li[data-verdict="${v}"]`).count()) === 1, `${name}: the report's legend has the ${v} highlight`);
          const printed = await page.getByTestId('print-map').getAttribute('src');
          const pdf = path.join(dir, `${d.id}.pdf`);
          await page.pdf({ path: pdf, format: 'A4', printBackground: true });
          // -raw: the text in the order it was drawn (cell by cell), not re-flowed into lines across the table's columns.
          const raw = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
          writeFileSync(path.join(OUTPUT_DIR, `siting-report-${name}.txt`), raw);
          const text = raw.replace(/\s+/g, '');
          assert(text.includes(`选址结论：${d.verdict}`), `${name}: the PDF says 选址结论：${d.verdict}`);
          for (const f of d.findings) {
            const rule = SITING_RULES.find((r) => r.id === f.rule)!;
            assert(text.includes(rule.text.zh.replace(/\s+/g, '')), `${name}: the PDF lists ${f.rule} (“${rule.text.zh}”; the text is in test-output/siting-report-${name}.txt)`);
            const mu = f.mu.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
            assert(text.includes(mu), `${name}: the PDF shows ${f.rule}'s area ${mu}`);
          }
          const sign = (v: number, digits: number) => { const t = Math.abs(v).toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits }); return v > 0 ? `+${t}` : v < 0 ? `\u2212${t}` : t; };
          assert(text.includes(`碳储量变化${sign(d.stock, 1)}tCO₂e`), `${name}: the PDF shows the stock change ${sign(d.stock, 1)}`);
          if (d.avoided !== null) assert(text.includes(sign(d.avoided, 1)), `${name}: the PDF shows the avoided emissions`);
          if (d.gain !== null) assert(text.includes(sign(d.gain, 1)), `${name}: the PDF shows the gain ${sign(d.gain, 1)}`);
          await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
          await waitForValue(page, () => !document.querySelector('[data-testid="print-report"]'), 5_000, 'the report closed');
          if (d.verdict === '禁止') {
            // The highlight is on the printed map: the same report captured again with the highlight layer hidden differs
            // from it, and where it differs it is redder (the 禁止 fill), over a good part of the site.
            await page.evaluate(() => (window as MapWindow).__map!.setLayoutProperty('planner-siting::fill', 'visibility', 'none'));
            await page.getByTestId('export-print').click();
            await waitForValue(page, () => { const i = document.querySelector('[data-testid="print-map"]') as HTMLImageElement | null; return !!i && i.complete && i.naturalWidth > 100; }, 30_000, 'the report map image without the highlight');
            const plain = await page.getByTestId('print-map').getAttribute('src');
            await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
            await waitForValue(page, () => !document.querySelector('[data-testid="print-report"]'), 5_000, 'the report closed');
            await page.evaluate(() => (window as MapWindow).__map!.setLayoutProperty('planner-siting::fill', 'visibility', 'visible'));
            const redder = await page.evaluate(async ([a, b]) => {
              const pixels = async (src: string) => {
                const img = new Image();
                img.src = src;
                await img.decode();
                const c = document.createElement('canvas');
                [c.width, c.height] = [img.naturalWidth, img.naturalHeight];
                const ctx = c.getContext('2d')!;
                ctx.drawImage(img, 0, 0);
                return ctx.getImageData(0, 0, c.width, c.height).data;
              };
              const [pa, pb] = [await pixels(a), await pixels(b)];
              let n = 0;
              for (let i = 0; i < Math.min(pa.length, pb.length); i += 4) if ((pa[i] - pb[i]) - (pa[i + 1] - pb[i + 1]) > 20) n++;
              return { n, total: pa.length / 4 };
            }, [printed!, plain!] as [string, string]);
            assert(redder.n > 0.05 * redder.total, `${name}: the 禁止 highlight is on the printed map (${redder.n} of ${redder.total} px redder than without it)`);
            console.log(`    siting: ${name}: the printed map has ${redder.n} of ${redder.total} px redder with the highlight than without`);
          }
        }
      },
    },
    {
      name: 'the sites CSV has each site’s verdict, rules with areas, control-line areas and signed carbon; the server’s own record agrees with the panel',
      async run() {
        const { page } = rec;
        await page.getByTestId('export-scope-all').check();
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
        const rows = parseCsv('sites.csv', readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, ''), ',', 1_000_000).map((r) => r.cells);
        const header = rows[0];
        const col = (row: string[], key: string) => row[header.findIndex((h) => h.endsWith(` ${key}`))];
        for (const [name, d] of drawn) {
          const row = rows.find((r) => r[0] === name)!;
          assert(row, `${name} is in the CSV`);
          assert(col(row, 'siting_verdict') === d.verdict, `${name}: CSV verdict ${col(row, 'siting_verdict')}`);
          for (const f of d.findings) {
            const rule = SITING_RULES.find((r) => r.id === f.rule)!;
            const cell = col(row, 'siting_rules');
            const at = cell.indexOf(`【${f.verdict}】${rule.text.zh}`);
            assert(at >= 0, `${name}: CSV lists ${f.rule}`);
            // Its area, against turf (the cell reads "【verdict】text（layer） 12.34亩").
            const mu = Number(/ ([\d.]+)亩/.exec(cell.slice(at))?.[1]);
            assert(close(mu, d.expected.get(f.rule) ?? f.mu), `${name}: CSV area of ${f.rule} ${mu} vs turf ${d.expected.get(f.rule)}`);
          }
          for (const [kind, key] of [['farmland-pv', 'permanent_farmland_mu'], ['redline-build', 'ecological_redline_mu']] as const) {
            const want = d.expected.get(kind);
            if (want !== undefined) assert(close(Number(col(row, key)), want), `${name}: CSV ${key} ${col(row, key)} vs turf ${want}`);
          }
          const stock = Number(col(row, 'stock_change_tCO2e'));
          assert(Math.sign(stock) === Math.sign(Math.round(d.stock * 10) / 10), `${name}: CSV stock change ${stock} has the panel's sign (${d.stock})`);
          if (d.avoided !== null) assert(Number(col(row, 'avoided_tCO2_per_yr')) > 0, `${name}: CSV avoided emissions`);
          if (d.gain !== null) assert(close(Number(col(row, 'eligible_mu')), d.eligible!) && close(Number(col(row, 'kept_forest_mu')), d.kept!), `${name}: CSV eligible and kept`);
          assert(col(row, 'constraint_data').startsWith('模拟数据'), `${name}: CSV says the control lines are synthetic`);
        }
        // The server computed each site's record itself (from its data folder) once the planner synchronised it.
        const wanted = plan.map((p) => [p.name, p.type] as [string, string]);
        const records = await waitForValue(page, (want: [string, string][]) => fetch('/api/sites', { credentials: 'same-origin' }).then((r) => r.json()).then((b: { sites: { name: string; type: string; siting: { verdict: string; findings: { rule: string; area_mu: number }[] } | null }[] }) => {
          const got = want.map(([n, t]) => b.sites.find((s) => s.name === n && s.type === t && s.siting));
          return got.every(Boolean) ? got : null;
        }), 90_000, 'the three sites on the server with their records', wanted);
        for (const r of records!) {
          const d = drawn.get(r!.name)!;
          assert(r!.siting!.verdict === d.verdict, `${r!.name}: the server records ${r!.siting!.verdict}, the panel shows ${d.verdict}`);
          assert(r!.siting!.findings.map((f) => f.rule).sort().join() === d.findings.map((f) => f.rule).sort().join(), `${r!.name}: the same rules on the server`);
          for (const f of r!.siting!.findings) assert(Math.abs(f.area_mu - d.findings.find((x) => x.rule === f.rule)!.mu) < 1e-3, `${r!.name}: ${f.rule} area on the server`);
        }
        assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.join('; ')}`);
        await page.context().close();
      },
    },
  ];
}
