// Browser tests of the year control (issue 18) on the bureau map and the public page. The expected figures come from
// the targets CLI run with --year (the same core, another runtime), never from the page itself: moving the slider to
// 2022 must switch the upgraded-stands layer to stands upgraded by 2022 and the 750,000-亩 card to the CLI's 2022 value.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { formatTargetValue } from '../../src/ui/widgets/format-target.ts';
import { ROOT } from '../../scripts/lib/serve-app.ts';
import { assert, type BrowserTest, openPage, screenshotPath, waitForValue } from './harness.ts';

type MapWindow = Window & { __map?: import('maplibre-gl').Map };
const UPGRADE = 'low_yield_forest_upgrade';

interface CliYear { as_of_year: number; targets: { id: string; value: number }[]; county: { carbon_stock_tCO2e: number } }

/** `npm run targets -- --json --year Y`. */
function cliYear(year: number, dataDir = path.join(ROOT, 'data')): CliYear {
  const out = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/targets.ts'), '--json', '--data', dataDir, '--year', String(year)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert(out.status === 0, `targets CLI --year ${year} failed: ${out.stderr}`);
  const json = JSON.parse(out.stdout) as CliYear;
  assert(json.as_of_year === year, `CLI as_of_year ${json.as_of_year} for --year ${year}`);
  return json;
}

/** The 750,000-亩 target's value for a year, from the targets CLI. */
const cliUpgrade = (year: number) => cliYear(year).targets.find((t) => t.id === UPGRADE)!.value;

/** Waits until the map shows `year`, is idle, and returns the upgrade years of the rendered upgraded stands/squares. */
async function renderedUpgradeYears(page: Page, year: number): Promise<number[]> {
  return (await waitForValue(page, (y: number) => {
    const map = (window as MapWindow).__map;
    if (!map || map.getContainer().dataset.year !== String(y) || !map.loaded()) return null;
    return map.queryRenderedFeatures({ layers: ['stands-upgrade::fill'] }).map((f) => Number(f.properties.upgrade_year));
  }, 60_000, `map idle at ${year}`, year))!;
}

/** Records every year the control shows until playing stops. */
async function watchYears(page: Page): Promise<void> {
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="year-control"]')!;
    const seen: number[] = [];
    (window as unknown as { __years: number[] }).__years = seen;
    new MutationObserver(() => {
      const y = Number(el.getAttribute('data-year'));
      if (seen[seen.length - 1] !== y) seen.push(y);
    }).observe(el, { attributes: true, attributeFilter: ['data-year'] });
  });
}

export function yearBureauTests(browser: Browser, appUrl: string): BrowserTest[] {
  return [
    {
      name: 'slider to 2022: upgraded stands and the 750,000-亩 card follow the CLI for 2022; the URL carries the year',
      async run() {
        const expected = cliUpgrade(2022);
        const latest = cliUpgrade(2026);
        assert(expected > 0 && expected < latest, `the 2022 figure (${expected}) lies below the current one (${latest})`);
        const rec = await openPage(browser, { width: 1280, height: 800 });
        const { page } = rec;
        await page.goto(`${appUrl}?dashboard`);
        await page.getByTestId('layer-stands-upgrade').getByRole('checkbox').check();
        const card = page.getByTestId(`target-${UPGRADE}`).getByTestId('target-value');
        await card.waitFor({ timeout: 120_000 });
        assert((await card.textContent()) === formatTargetValue(latest, 'mu', 'zh'), `card before: ${await card.textContent()}`);
        const before = await renderedUpgradeYears(page, 2026);
        assert(before.some((y) => y > 2022), `before: upgraded stands from after 2022 are drawn (${before.length} drawn)`);

        const slider = page.getByRole('slider', { name: '年份' });
        await slider.fill('2022');
        const after = await renderedUpgradeYears(page, 2022);
        assert(after.length > 0, 'stands upgraded by 2022 are drawn');
        assert(after.every((y) => y <= 2022), `only stands upgraded by 2022 are drawn (got ${[...new Set(after)].join(', ')})`);
        const text = formatTargetValue(expected, 'mu', 'zh');
        await waitForValue(page, (t: string) => document.querySelector('[data-testid="target-low_yield_forest_upgrade"] [data-testid="target-value"]')?.textContent === t, 60_000, `card shows ${text}`, text);
        assert((await page.getByTestId('dashboard-year').getAttribute('data-year')) === '2022', 'dashboard labelled 2022');
        assert(new URL(page.url()).searchParams.get('year') === '2022', `URL carries the year: ${page.url()}`);
        // the sources were not rebuilt: the stands are still the prebuilt tiles
        assert(await page.evaluate(() => (window as MapWindow).__map!.getSource('src:stands.geojson')!.type === 'vector'), 'stands stay on vector tiles');
        await page.screenshot({ path: screenshotPath('year-bureau-2022') });
        assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.join(' | ')}`);
        await page.context().close();
      },
    },
    {
      name: '?year=2023 restores the year on load; play steps a year at a time and stops at 2030 with the plan hatched',
      async run() {
        const rec = await openPage(browser, { width: 1280, height: 800 });
        const { page } = rec;
        await page.goto(`${appUrl}?year=2023`);
        const slider = page.getByRole('slider', { name: '年份' });
        await slider.waitFor();
        assert((await slider.inputValue()) === '2023', `slider restored to ${await slider.inputValue()}`);
        await renderedUpgradeYears(page, 2023); // the map applied the year
        await page.goto(`${appUrl}?dashboard&year=2027`);
        await renderedUpgradeYears(page, 2027);
        await watchYears(page);
        await page.getByTestId('year-play').click();
        await waitForValue(page, () => document.querySelector('[data-testid="year-control"]')?.getAttribute('data-playing') === 'false' && document.querySelector('[data-testid="year-control"]')?.getAttribute('data-year') === '2030', 30_000, 'playing stops at 2030');
        const seen = await page.evaluate(() => (window as unknown as { __years: number[] }).__years);
        assert(JSON.stringify(seen) === '[2028,2029,2030]', `play stepped ${JSON.stringify(seen)}`);
        await page.waitForTimeout(2500);
        assert((await slider.inputValue()) === '2030', 'still 2030 after playing stopped');
        assert((await page.getByTestId('year-play').getAttribute('aria-pressed')) === 'false', 'play button released');
        assert(new URL(page.url()).searchParams.get('year') === '2030', 'URL follows the year');
        // After the as-of year: 规划 in the legend and planned PV / wind drawn hatched.
        assert((await page.getByTestId('year-projection').textContent())!.includes('规划'), 'legend entry 规划');
        const planned = await waitForValue(page, () => {
          const map = (window as MapWindow).__map!;
          if (map.getContainer().dataset.year !== '2030' || !map.loaded()) return null;
          return map.queryRenderedFeatures({ layers: ['pv::planned', 'wind-farms::planned'] }).map((f) => String(f.properties.status));
        }, 60_000, 'planned projects drawn') ?? [];
        assert(planned.length > 0 && planned.every((s) => s !== '并网'), `planned projects hatched: ${planned.join(', ')}`);
        // The dashboard follows to 2030 and marks its carbon as a projection, equal to the CLI's --year 2030 figure.
        const carbon2030 = cliYear(2030).county.carbon_stock_tCO2e;
        const carbonNow = cliYear(2026).county.carbon_stock_tCO2e;
        assert(Math.abs(carbon2030 - carbonNow) >= 1, `the projection differs from the as-of figure (${carbon2030} vs ${carbonNow})`);
        await waitForValue(page, () => document.querySelector('[data-testid="dashboard-year"]')?.getAttribute('data-year') === '2030', 60_000, 'dashboard at 2030');
        assert(await page.getByTestId('dashboard-projection').isVisible(), 'dashboard marks 2030 as projection');
        // The cell reads "<stock> t CO2e (95 %: lo–hi)": the figure is its first number.
        const cell = (await page.locator('tr[data-total="carbon_stock_tCO2e"] td').textContent())!;
        const shown = Number((cell.match(/\d[\d,]*(\.\d+)?/)?.[0] ?? 'NaN').replace(/,/g, ''));
        assert(Math.abs(shown - carbon2030) <= 1, `dashboard carbon 2030 ${shown} vs CLI ${carbon2030}`);
        await page.screenshot({ path: screenshotPath('year-bureau-2030') });
        assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.join(' | ')}`);
        await page.context().close();
      },
    },
  ];
}

export function yearPublicTests(browser: Browser, appUrl: string): BrowserTest[] {
  return [
    {
      name: 'phone 390 px, keyboard only: Tab to the year slider, arrows to 2022; cards follow the CLI; play stops at 2030',
      async run() {
        const expected = cliUpgrade(2022);
        const rec = await openPage(browser, { width: 390, height: 844 });
        const { page } = rec;
        await page.goto(appUrl);
        const card = page.getByTestId(`target-${UPGRADE}`).getByTestId('target-value');
        await card.waitFor({ timeout: 60_000 });
        let tabs = 0;
        while (!(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type === 'range')) && tabs++ < 15) await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => ({ name: document.activeElement?.getAttribute('aria-label'), outline: getComputedStyle(document.activeElement!).outlineStyle }));
        assert(focused.name === '年份', `Tab reaches the slider named 年份 (${tabs} presses, got ${focused.name})`);
        assert(focused.outline !== 'none', 'slider focus is visible');
        for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft'); // 2026 → 2022
        const text = formatTargetValue(expected, 'mu', 'zh');
        await waitForValue(page, (t: string) => document.querySelector('[data-testid="target-low_yield_forest_upgrade"] [data-testid="target-value"]')?.textContent === t, 30_000, `card shows ${text}`, text);
        assert(new URL(page.url()).searchParams.get('year') === '2022', `URL carries 2022: ${page.url()}`);
        await waitForValue(page, () => (window as MapWindow).__map?.getContainer().dataset.year === '2022', 30_000, 'choropleth in 2022');
        const layout = await page.evaluate(() => ({
          scrollWidth: document.scrollingElement!.scrollWidth,
          control: document.querySelector('[data-testid="year-control"]')!.getBoundingClientRect().toJSON(),
          play: document.querySelector('[data-testid="year-play"]')!.getBoundingClientRect().toJSON(),
        }));
        assert(layout.scrollWidth <= 390, `page fits 390 px (scrollWidth ${layout.scrollWidth})`);
        assert(layout.control.left >= 0 && layout.control.right <= 390, `year control inside the screen: ${JSON.stringify(layout.control)}`);
        assert(layout.play.height >= 32 && layout.play.width >= 44, `play button large enough to tap: ${JSON.stringify(layout.play)}`);
        // The share link carries the year.
        const share = await page.getByTestId('share-url').inputValue();
        assert(new URL(share).searchParams.get('year') === '2022', `share link carries the year: ${share}`);
        // Play from the keyboard: Shift+Tab to the button, Enter.
        await page.keyboard.press('Shift+Tab');
        assert(await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'year-play'), 'Shift+Tab reaches play');
        await watchYears(page);
        await page.keyboard.press('Enter');
        await waitForValue(page, () => document.querySelector('[data-testid="year-control"]')?.getAttribute('data-playing') === 'false' && document.querySelector('[data-testid="year-control"]')?.getAttribute('data-year') === '2030', 40_000, 'playing stops at 2030');
        const seen = await page.evaluate(() => (window as unknown as { __years: number[] }).__years);
        assert(JSON.stringify(seen) === '[2023,2024,2025,2026,2027,2028,2029,2030]', `play stepped ${JSON.stringify(seen)}`);
        assert(await page.getByTestId('public-projection').isVisible(), '2030 figures marked as projection');
        await page.screenshot({ path: screenshotPath('year-public-phone-2030'), fullPage: false });
        assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.join(' | ')}`);
        await page.context().close();
      },
    },
    {
      name: '?year=2023 restores the public page and its figures',
      async run() {
        const expected = cliUpgrade(2023);
        const rec = await openPage(browser, { width: 1280, height: 800 });
        const { page } = rec;
        await page.goto(`${appUrl}?year=2023#indicator=upgrade&lang=zh`);
        const slider = page.getByRole('slider', { name: '年份' });
        await slider.waitFor();
        assert((await slider.inputValue()) === '2023', 'slider restored');
        const text = formatTargetValue(expected, 'mu', 'zh');
        await waitForValue(page, (t: string) => document.querySelector('[data-testid="target-low_yield_forest_upgrade"] [data-testid="target-value"]')?.textContent === t, 30_000, `card shows ${text}`, text);
        assert(page.url().includes('indicator=upgrade'), 'the hash share state is kept beside ?year=');
        await page.context().close();
      },
    },
  ];
}
