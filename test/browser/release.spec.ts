// The app on a bureau's own inventory: a 二类 export (GK zone 38, GBK, codes, per-ha stock) imported with data:import
// into a release folder, built and served against it as `npm start -- --data <dir>` does. The dashboard's totals and
// every target card equal the targets CLI on the release, the totals equal an independent computation from the
// fixture's own rings and attributes, and the 示例数据 badge is not shown. The planner analyses a site against the
// release's own stands (issue 24: one stand source), the sum of their figures computed independently.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { formatTargetValue } from '../../src/ui/widgets/format-target.ts';
import { MU, refArea } from '../../src/core/plan/fixture.testutil.ts';
import { ROOT } from '../../scripts/lib/serve-app.ts';
import type { ErleiFixture } from '../fixtures/erlei-inventory.ts';
import { assert, type BrowserTest, foreignRequests, openPage, screenshotPath, waitForValue } from './harness.ts';
import { importFile } from '../../src/core/io/registry.ts';
import { independent, near, threeStands } from '../fixtures/erlei-picks.ts';

const num = (text: string | null) => Number((text ?? '').replace(/[^\d.-]/g, ''));

interface CliTarget { id: string; unit: 'mu' | 'm3' | 'kW' | '%' | 'count'; value: number; status: string }

export function releaseTests(browser: Browser, appUrl: string, releaseDir: string, fixture: ErleiFixture): BrowserTest[] {
  return [
    {
      name: 'a 二类 release: dashboard totals and targets = the targets CLI = an independent computation; no 示例数据 badge',
      async run() {
        const out = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/targets.ts'), '--json', '--data', releaseDir], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
        assert(out.status === 0, `targets CLI failed: ${out.stderr}`);
        const cli = JSON.parse(out.stdout) as { targets: CliTarget[]; county: { forest_land_mu: number; forest_area_mu: number; stock_m3: number } };
        const rec = await openPage(browser, { width: 1280, height: 800 });
        await rec.page.goto(`${appUrl}?dashboard`);
        await rec.page.getByTestId("dashboard").waitFor({ timeout: 40_000 }).catch(async (e: Error) => {
          const text = await rec.page.locator('body').innerText().catch(() => '');
          throw new Error(`${e.message.split('\n')[0]}; console: ${rec.consoleErrors.join(' | ')}; page: ${rec.pageErrors.join(' | ')}; text: ${text.slice(0, 600)}`);
        });
        for (const t of cli.targets) {
          const shown = await rec.page.getByTestId(`target-${t.id}`).getByTestId('target-value').textContent();
          assert(shown === formatTargetValue(t.value, t.unit, 'zh'), `${t.id}: dashboard shows ${shown}, CLI ${t.value} ${t.unit}`);
        }
        const areas = fixture.expected.map((s) => refArea(s.ring));
        const forestLand = areas.reduce((a, m2) => a + m2, 0) / MU;
        const stock = fixture.expected.reduce((a, s, i) => a + s.stock_per_ha * (areas[i] / 10_000), 0);
        const total = async (key: string) => num(await rec.page.locator(`tr[data-total="${key}"] td`).textContent());
        assert(Math.abs((await total('forest_land_mu')) - forestLand) <= 1, `forest land ${await total('forest_land_mu')} vs independent ${forestLand.toFixed(1)}`);
        assert(Math.abs((await total('forest_land_mu')) - cli.county.forest_land_mu) <= 1, 'forest land = CLI');
        assert(Math.abs((await total('stock_m3')) - stock) <= 1, `stock ${await total('stock_m3')} vs independent ${stock.toFixed(1)}`);
        // the badge is for the sample only: wait until release.json has been read, then it must be gone
        await rec.page.waitForFunction(() => !document.querySelector('[data-testid="sample-badge"]'), undefined, { timeout: 30_000 });
        assert(await rec.page.getByTestId('sample-note').count() === 0, 'no sample-data note on a release');
        // nor the layer panel's 模拟数据 / 界线为模拟 notes: the layers are the bureau's own
        await rec.page.getByTestId('layer-stands').waitFor({ timeout: 30_000 });
        const notes = await rec.page.locator('.layer-panel [data-testid="layer-note"]').allTextContents();
        assert(notes.every((n) => !n.includes('模拟')), `synthetic notes on a release's layers: ${notes.join(' ')}`);
        assert(await rec.page.getByTestId('layer-stands').getByTestId('layer-note').count() === 0, 'no note on the stands layer of a release');
        assert(foreignRequests(rec.requests, appUrl).length === 0, `requests outside the app: ${foreignRequests(rec.requests, appUrl).join(', ')}`);
        assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.join('; ')}`);
        await rec.page.screenshot({ path: screenshotPath('release-dashboard-zh') });
        await rec.page.context().close();
      },
    },
    {
      name: 'the planner on a release: a site around three of its stands is analysed against the release\'s stands, = the sum of their figures computed independently',
      async run() {
        const props = importFile('二类.zip', fixture.zip).features.map((f) => f.properties ?? {});
        const { indices, box } = threeStands(fixture);
        const rec = await openPage(browser, { width: 1280, height: 800 });
        const { page } = rec;
        try {
          await page.goto(`${appUrl}?planner`);
          await page.getByTestId('planner-panel').waitFor({ timeout: 60_000 });
          await waitForValue(page, () => { const w = window as Window & { __map?: { loaded: () => boolean }; __draw?: unknown }; return !!w.__map?.loaded() && !!w.__draw; }, 60_000, 'map and Terra Draw');
          await page.getByTestId('coords-open').click();
          await page.getByTestId('coords-text').fill([[box[0], box[1]], [box[2], box[1]], [box[2], box[3]], [box[0], box[3]]].map((p) => p.map((v) => v.toFixed(7)).join(', ')).join('\n'));
          await page.getByTestId('coords-add').click();
          const analysis = page.getByTestId('planner-analysis');
          await analysis.waitFor({ timeout: 60_000 });
          const source = page.getByTestId('analysis-stand-source');
          assert((await source.getAttribute('data-kind')) === 'release' && (await source.getAttribute('data-count')) === String(fixture.expected.length), `the release's ${fixture.expected.length} stands: ${await source.textContent()}`);
          const want = indices.map((i) => independent(fixture, props, i));
          const sum = (k: keyof (typeof want)[number]) => want.reduce((t, w) => t + w[k], 0);
          const got = { mu: Number(await analysis.getAttribute('data-stands-mu')), stock: Number(await analysis.getAttribute('data-stock-m3')), carbon: Number(await analysis.getAttribute('data-carbon-tco2e')) };
          console.log(`    release: planner site over stands ${indices.join(', ')}: ${got.mu.toFixed(3)} 亩 (independent ${sum('mu').toFixed(3)}), stock ${got.stock.toFixed(1)} m³ (${sum('stock').toFixed(1)}), carbon ${got.carbon.toFixed(1)} tCO2e (${sum('carbon').toFixed(1)})`);
          assert(near(got.mu, sum('mu')) && near(got.stock, sum('stock')) && near(got.carbon, sum('carbon')), `analysis ${JSON.stringify(got)} vs independent ${sum('mu')} 亩, ${sum('stock')} m³, ${sum('carbon')} tCO2e`);
        } finally {
          await page.context().close();
        }
      },
    },
  ];
}
