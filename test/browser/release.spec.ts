// The app on a bureau's own inventory: a 二类 export (GK zone 38, GBK, codes, per-ha stock) imported with data:import
// into a release folder, built and served against it as `npm start -- --data <dir>` does. The dashboard's totals and
// every target card equal the targets CLI on the release, the totals equal an independent computation from the
// fixture's own rings and attributes, and the 示例数据 badge is not shown.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { formatTargetValue } from '../../src/ui/widgets/format-target.ts';
import { MU, refArea } from '../../src/core/plan/fixture.testutil.ts';
import { ROOT } from '../../scripts/lib/serve-app.ts';
import type { ErleiFixture } from '../fixtures/erlei-inventory.ts';
import { assert, type BrowserTest, foreignRequests, openPage, screenshotPath } from './harness.ts';

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
  ];
}
