// The year control at scale (issue 18): the longest main-thread task while stepping the year 2021 → 2025 with the
// upgraded-stands layer on, at a township view where the tiles hold individual stands. Two ways, same built app:
//   ours  — the year control: a setFilter on the existing vector-tile layers (src/map/time-filter.ts);
//   naive — the upgraded stands kept in the page as GeoJSON and, at every step, the year's stands filtered out and
//           handed to a GeoJSON source with setData (the rebuild a GeoJSON-based slider does), drawn the same way.
// Each step waits until the map is idle again; the longest task comes from PerformanceObserver 'longtask'.
import type { Browser, Page } from 'playwright-core';
import { LONGTASK_SCRIPT } from './map-probe.ts';

type MapWindow = Window & { __map?: import('maplibre-gl').Map; __longest?: number; __longtasks?: number; __naive?: unknown[] };

export interface YearStepRun {
  longest_task_ms: number;
  long_tasks: number;
  /** Main-thread busy time over the five steps (CDP Performance TaskDuration), every task counted, long or not. */
  main_thread_ms: number;
  /** Change → map idle, per step (2021 … 2025). */
  step_ms: number[];
  /** Upgraded stands or squares drawn at 2025 (a sanity check that both draw the layer). */
  drawn_2025: number;
  error?: string;
}

const YEARS = [2021, 2022, 2023, 2024, 2025];

/**
 * Resolves when the map is idle showing the new state. No readPixels here: in software GL it blocks the main thread
 * until the GPU process has drawn the frame, a long task no user has; the step times are therefore change → idle.
 */
async function settled(page: Page, year: number, naive: boolean): Promise<void> {
  await page.waitForFunction(({ y, n }) => {
    const map = (window as MapWindow).__map;
    if (!map || !map.loaded()) return false;
    if (!n && map.getContainer().dataset.year !== String(y)) return false;
    return !(n && (map.getSource('naive-upgrade') as { _year?: number } | undefined)?._year !== y);
  }, { y: year, n: naive }, { timeout: 300_000, polling: 50 });
}

export async function yearStep(browser: Browser, appUrl: string, naive: boolean, view: [number, number], zoom: number): Promise<YearStepRun> {
  const context = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 1, locale: 'zh-CN' });
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  await context.addInitScript(LONGTASK_SCRIPT);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const busy = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
  try {
    await page.goto(`${appUrl}?year=2020`);
    await page.getByTestId('layer-stands-upgrade').getByRole('checkbox').check();
    await page.waitForFunction(() => (window as MapWindow).__map?.loaded(), undefined, { timeout: 120_000 });
    await page.evaluate(({ c, z }) => (window as MapWindow).__map!.jumpTo({ center: c, zoom: z }), { c: view, z: zoom });
    await settled(page, 2020, false);
    if (naive) {
      // Not timed: the page downloads and parses the stands once and keeps the upgraded ones, as a GeoJSON slider would.
      await page.evaluate(async () => {
        const map = (window as MapWindow).__map!;
        const fc = await (await fetch('data/stands.geojson')).json() as { features: { properties: Record<string, unknown> }[] };
        (window as MapWindow).__naive = fc.features.filter((f) => f.properties.upgrade_type != null);
        const fill = map.getLayer('stands-upgrade::fill')!;
        map.addSource('naive-upgrade', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
        (map.getSource('naive-upgrade') as unknown as { _year: number })._year = 2020;
        map.addLayer({ id: 'naive-upgrade::fill', type: 'fill', source: 'naive-upgrade', paint: { 'fill-color': map.getPaintProperty('stands-upgrade::fill', 'fill-color') as string, 'fill-opacity': 0.8, 'fill-antialias': false } }, fill.id);
        map.setLayoutProperty(fill.id, 'visibility', 'none');
      });
      await settled(page, 2020, true);
    }
    await page.waitForTimeout(1000);
    await page.evaluate(() => { (window as MapWindow).__longest = 0; (window as MapWindow).__longtasks = 0; });
    const steps: number[] = [];
    const busy0 = await busy();
    for (const year of YEARS) {
      const t0 = Date.now();
      if (naive) {
        await page.evaluate((y) => {
          const all = (window as MapWindow).__naive as { properties: { upgrade_year?: number | null } }[];
          const src = (window as MapWindow).__map!.getSource('naive-upgrade') as unknown as { setData: (d: unknown) => void; _year: number };
          src.setData({ type: 'FeatureCollection', features: all.filter((f) => (f.properties.upgrade_year ?? 0) <= y) });
          src._year = y;
        }, year);
      } else {
        await page.getByRole('slider', { name: '年份' }).fill(String(year));
      }
      await settled(page, year, naive);
      steps.push(Date.now() - t0);
    }
    const busyMs = (await busy() - busy0) * 1000;
    await page.waitForTimeout(500); // let the last long-task entries arrive
    const tasks = await page.evaluate(() => ({ longest: (window as MapWindow).__longest ?? 0, count: (window as MapWindow).__longtasks ?? 0 }));
    const drawn = await page.evaluate((n) => (window as MapWindow).__map!.queryRenderedFeatures({ layers: [n ? 'naive-upgrade::fill' : 'stands-upgrade::fill'] }).length, naive);
    return { longest_task_ms: Math.round(tasks.longest), long_tasks: tasks.count, main_thread_ms: Math.round(busyMs), step_ms: steps, drawn_2025: drawn };
  } catch (e) {
    return { longest_task_ms: NaN, long_tasks: NaN, main_thread_ms: NaN, step_ms: [], drawn_2025: NaN, error: (e as Error).message.split('\n')[0] };
  } finally {
    await context.close();
  }
}
