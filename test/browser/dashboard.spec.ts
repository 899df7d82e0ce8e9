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
import { formatTargetValue } from '../../src/bureau/dashboard/format-target.ts';
import { ROOT } from '../../scripts/lib/serve-app.ts';
import { assert, type BrowserTest, foreignRequests, openPage, OUTPUT_DIR, type RecordedPage, screenshotPath, waitForValue } from './harness.ts';

interface CliTarget { id: string; unit: 'mu' | 'm3' | 'kW' | '%' | 'count'; value: number; status: string }
interface CliOutput { targets: CliTarget[]; county: { forest_land_mu: number; coverage_pct: number; stock_m3: number } }

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
        assert((await rec.page.getByTestId('method-note').textContent())!.includes('IPCC'), 'the method is named next to the figures');
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
        await page.waitForTimeout(500);
        await page.screenshot({ path: screenshotPath('carbon-density-zh') });
        assert(foreignRequests(rec.requests, appUrl).length === 0, 'no request left the origin');
        assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.join(' | ')}`);
        await page.context().close();
      },
    },
  ];
}
