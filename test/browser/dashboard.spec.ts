// Browser tests of the dashboard: every target card and county total equals the `targets` CLI (same core, different
// runtime and loading path) and the generator's own totals (an independent computation); a township selection filters
// the dashboard and matches an independent per-township area sum; CSV export opens in Excel (BOM); the hexagon
// carbon-density view draws with its legend.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { geodesicArea } from '../../src/core/geo/measure.ts';
import { fromSquareMetres } from '../../src/core/geo/units.ts';
import { formatTargetValue } from '../../src/ui/widgets/format-target.ts';
import { ROOT } from '../../scripts/lib/serve-app.ts';
import { assert, type BrowserTest, foreignRequests, openPage, OUTPUT_DIR, type RecordedPage, screenshotPath, waitForValue } from './harness.ts';

interface CliTarget { id: string; unit: 'mu' | 'm3' | 'kW' | '%' | 'count'; value: number; status: string }
interface CliOutput {
  targets: CliTarget[];
  county: {
    forest_land_mu: number; coverage_pct: number; stock_m3: number; carbon_stock_tCO2e: number; annual_sink_tCO2e: number; gross_growth_tCO2e: number;
    harvest_tCO2e: number; mortality_tCO2e: number; carbon_density_tC_per_ha: number;
    uncertainty: { carbon_stock_tCO2e: [number, number]; annual_sink_tCO2e: [number, number]; draws: number };
    provenance: { factors_version: string; unverified_share: { carbon_stock: number; annual_sink: number } };
  };
}
/** Every number in a text, in order ("21,522,940 吨CO₂e（95%：19,407,057–24,055,488）" → [21522940, 95, 19407057, 24055488]). */
const numbers = (text: string | null) => ((text ?? '').match(/\d[\d,]*(\.\d+)?/g) ?? []).map((x) => Number(x.replace(/,/g, '')));

const num = (text: string | null) => Number((text ?? '').replace(/[^\d.-]/g, ''));

export function dashboardTests(browser: Browser, appUrl: string, dataDir = path.join(ROOT, 'data')): BrowserTest[] {
  let rec: RecordedPage;
  let cli: CliOutput;
  return [
    {
      name: 'every target card and county total matches the targets CLI and the generator totals',
      async run() {
        const out = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/targets.ts'), '--json', '--data', dataDir], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
        assert(out.status === 0, `targets CLI failed: ${out.stderr}`);
        cli = JSON.parse(out.stdout) as CliOutput;
        rec = await openPage(browser, { width: 1280, height: 800 });
        await rec.page.goto(`${appUrl}?dashboard`);
        await rec.page.getByTestId('dashboard').waitFor({ timeout: 120_000 });
        assert(cli.targets.length >= 20, `the registry has many targets (${cli.targets.length})`);
        for (const t of cli.targets) {
          const card = rec.page.getByTestId(`target-${t.id}`);
          const shown = await card.getByTestId('target-value').textContent();
          assert(shown === formatTargetValue(t.value, t.unit, 'zh'), `${t.id}: dashboard shows ${shown}, CLI ${t.value} ${t.unit}`);
          assert((await card.getAttribute('data-status')) === t.status, `${t.id}: status ${await card.getAttribute('data-status')} vs CLI ${t.status}`);
        }
        const summary = JSON.parse(readFileSync(path.join(dataDir, 'summary.json'), 'utf8')) as { forest_land_mu: number; forest_coverage_pct: number; stock_m3: number };
        const total = (key: string) => rec.page.locator(`tr[data-total="${key}"] td`).textContent();
        const forestLand = num(await total('forest_land_mu'));
        assert(Math.abs(forestLand - summary.forest_land_mu) <= 1, `forest land ${forestLand} vs generator ${summary.forest_land_mu}`);
        const coverage = num(await total('coverage_pct'));
        assert(Math.abs(coverage - summary.forest_coverage_pct) <= 0.006, `coverage ${coverage} vs generator ${summary.forest_coverage_pct}`);
        const stock = num(await total('stock_m3'));
        assert(Math.abs(stock - summary.stock_m3) <= 1, `stock ${stock} vs generator ${summary.stock_m3}`);
        const note = (await rec.page.getByTestId('method-note').textContent())!;
        assert(note.includes('IPCC'), 'the method is named next to the figures');
        assert(note.includes(cli.county.provenance.factors_version), `the factor table is named: ${note}`);
        assert(note.includes(`碳储量 ${Math.round(cli.county.provenance.unverified_share.carbon_stock * 100)}%`), `the unverified share of the stock is named: ${note}`);
        // Carbon figures with their 95 % intervals beside them, equal to the CLI (same core in Node on the GeoJSON)
        const [cs, , clo, chi] = numbers(await total('carbon_stock_tCO2e'));
        assert(Math.abs(cs - cli.county.carbon_stock_tCO2e) <= 1, `carbon stock ${cs} vs CLI ${cli.county.carbon_stock_tCO2e}`);
        assert(Math.abs(clo - cli.county.uncertainty.carbon_stock_tCO2e[0]) <= 1 && Math.abs(chi - cli.county.uncertainty.carbon_stock_tCO2e[1]) <= 1,
          `stock interval ${clo}–${chi} vs CLI ${cli.county.uncertainty.carbon_stock_tCO2e}`);
        assert(clo < cs && cs < chi, 'the interval contains the stock');
        const [ns, , nlo, nhi] = numbers(await total('annual_sink_tCO2e'));
        assert(Math.abs(ns - cli.county.annual_sink_tCO2e) <= 1, `net sink ${ns} vs CLI ${cli.county.annual_sink_tCO2e}`);
        assert(Math.abs(nlo - cli.county.uncertainty.annual_sink_tCO2e[0]) <= 1 && Math.abs(nhi - cli.county.uncertainty.annual_sink_tCO2e[1]) <= 1, 'net sink interval = CLI');
        const [gross] = numbers(await total('gross_growth_tCO2e'));
        assert(Math.abs(gross - cli.county.gross_growth_tCO2e) <= 1 && ns < gross, `gross growth ${gross} reported apart, above the net sink ${ns}`);
        assert(Math.abs(gross - cli.county.harvest_tCO2e - cli.county.mortality_tCO2e - ns) <= 3, 'net = gross − harvest − mortality on screen');
        const [density, densityCo2] = numbers(await total('carbon_density_tC_per_ha'));
        assert(Math.abs(density - cli.county.carbon_density_tC_per_ha) <= 0.05, `density ${density} t C/ha vs CLI ${cli.county.carbon_density_tC_per_ha}`);
        assert(Math.abs(densityCo2 - (cli.county.carbon_density_tC_per_ha * 44) / 12) <= 0.05, 't CO2e/ha beside it');
        // The factor card follows the method and lists every factor kind the figures use.
        const card = rec.page.getByTestId('factor-card');
        assert((await card.getAttribute('data-method')) === 'ipcc_bef', 'factor card on the IPCC method');
        const figures = await card.locator('.factor-block').evaluateAll((els) => els.map((e) => e.getAttribute('data-figure')));
        for (const f of ['stand carbon stock', 'stand gross growth', 'stand harvest and mortality', 'bamboo (毛竹)', '油茶', '碳汇造林', 'wetland', 'mine restoration']) {
          assert(figures.includes(f), `factor card lists ${f}: ${figures.join(', ')}`);
        }
        const ipccText = (await card.textContent())!;
        assert(ipccText.includes('杉木 BEF') && !ipccText.includes('杉木 a'), 'IPCC rows only');
        await rec.page.getByTestId('carbon-method').selectOption('fang');
        await waitForValue(rec.page, () => document.querySelector('[data-testid="factor-card"]')?.getAttribute('data-method') === 'fang', 60_000, 'factor card follows the method');
        const fangText = (await card.textContent())!;
        assert(fangText.includes('杉木 a') && !fangText.includes('杉木 BEF'), 'Fang rows only after switching');
        assert((await rec.page.getByTestId('method-note').textContent())!.includes('方精云'), 'the method note follows');
        await rec.page.getByTestId('carbon-method').selectOption('ipcc_bef');
        await waitForValue(rec.page, () => document.querySelector('[data-testid="factor-card"]')?.getAttribute('data-method') === 'ipcc_bef', 60_000, 'back to IPCC');
        const timing = await rec.page.evaluate(() => ({
          load: (window as unknown as { __analysisLoad?: unknown }).__analysisLoad,
          compute_ms: (window as unknown as { __progress?: { compute_ms: number } }).__progress?.compute_ms,
        }));
        writeFileSync(path.join(OUTPUT_DIR, 'dashboard-timings.json'), JSON.stringify(timing, null, 2));
        console.log(`    analysis worker: ${JSON.stringify(timing)}`);
        await rec.page.screenshot({ path: screenshotPath('dashboard-county-zh') });
      },
    },
    {
      name: 'choosing a township filters the dashboard; its forest land equals an independent area sum',
      async run() {
        const { page } = rec;
        const code = '360732217'; // 长冈乡
        await page.getByTestId('township-zoom').selectOption(code);
        await waitForValue(page, (c) => document.querySelector('[data-testid="dashboard"]')?.getAttribute('data-scope') === c, 60_000, 'township scope', code);
        const stands = JSON.parse(readFileSync(path.join(dataDir, 'stands.geojson'), 'utf8')) as GeoJSON.FeatureCollection;
        let m2 = 0;
        for (const f of stands.features) if (f.properties?.township_code === code) m2 += geodesicArea(f.geometry);
        const expected = fromSquareMetres(m2, 'mu');
        const shown = num(await page.locator('tr[data-total="forest_land_mu"] td').textContent());
        assert(Math.abs(shown - expected) <= 1, `长冈乡 forest land shown ${shown} vs independent ${expected.toFixed(1)}`);
        const filter = await page.evaluate(() => JSON.stringify((window as Window & { __map?: import('maplibre-gl').Map }).__map!.getFilter('stands::fill')));
        assert(filter.includes(code), `the stands layer is filtered to the township: ${filter}`);
        await page.screenshot({ path: screenshotPath('dashboard-township-zh') });
        await page.getByTestId('township-zoom').selectOption('');
        await waitForValue(page, () => document.querySelector('[data-testid="dashboard"]')?.getAttribute('data-scope') === 'county', 60_000, 'county scope');
      },
    },
    {
      name: 'township table exports as CSV with a BOM for Excel',
      async run() {
        const { page } = rec;
        const [download] = await Promise.all([page.waitForEvent('download'), page.locator('section[aria-label="townships"] .csv-button').click()]);
        const file = await download.path();
        const text = readFileSync(file!, 'utf8');
        assert(text.charCodeAt(0) === 0xfeff, 'CSV starts with a BOM');
        const lines = text.trim().split('\r\n');
        assert(lines.length === 26, `header + 25 townships, got ${lines.length}`);
        assert(lines.some((l) => l.startsWith('360732217,长冈乡,')), 'rows carry code and Chinese name');
      },
    },
    {
      name: 'the hexagon carbon-density view draws with its legend',
      async run() {
        const { page } = rec;
        await page.getByTestId('carbon-density').getByRole('checkbox').first().check();
        await page.getByTestId('carbon-density-legend').waitFor({ timeout: 120_000 });
        const items = await page.getByTestId('carbon-density-legend').locator('li').count();
        assert(items === 6, `six density classes in the legend, got ${items}`);
        const prov = page.getByTestId('carbon-density-provenance');
        await prov.waitFor({ timeout: 60_000 });
        const text = (await prov.textContent())!;
        assert(text.includes(cli.county.provenance.factors_version) && text.includes('IPCC'), `hexagons name method and factor table: ${text}`);
        assert(text.includes(`${cli.county.carbon_density_tC_per_ha.toFixed(1)} 吨碳/公顷`), `hexagons use the same t C/ha of forest as the CLI: ${text}`);
        await page.waitForTimeout(500);
        await page.screenshot({ path: screenshotPath('carbon-density-zh') });
        assert(foreignRequests(rec.requests, appUrl).length === 0, 'no request left the origin');
        assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.join(' | ')}`);
        await page.context().close();
      },
    },
  ];
}
