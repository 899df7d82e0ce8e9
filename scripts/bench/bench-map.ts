// npm run bench — the map at 30k and 200k stands in headless Chromium, the naive approach (the whole stands GeoJSON in
// one MapLibre GeoJSON source: the same built app with ?source=geojson) beside ours (prebuilt vector tiles), in one run:
// navigation → stands drawn (ours: stands queryable + 1-px readPixels after idle; naive: the map idle with its stand
// source loaded — at county view the naive 200k page draws no stand at all, see renderedStands), frame rates while
// panning and zooming over new ground at a township zoom (animated camera, frames MapLibre rendered per second, tile
// loading included), the cost of redrawing a loaded view (synchronous redraw + readPixels), peak main-thread JS heap (CDP
// Performance.getMetrics), longest main-thread task during load (PerformanceObserver 'longtask'); and the Node-side
// analysis of 200k stands (binary columns file vs GeoJSON + area pass); and the year control at 200k (year-step.ts): the
// longest main-thread task stepping 2021 → 2025, a filter change on the tiles (ours) beside a rebuilt GeoJSON source.
// `npm run bench -- --year-step` runs the year-step figure alone.
// Prints a table; the last line is one JSON object with every figure and the ratios.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { computeAreas, type PlanLayers } from '../../src/core/plan/layers.ts';
import { planLayerFiles } from '../../src/layers/analysis-roles.ts';
import { computeProgress } from '../../src/core/plan/progress.ts';
import { readStandColumns, STAND_COLUMNS_FILE } from '../../src/core/io/binary/stand-columns.ts';
import { launchBrowser } from '../lib/browser.ts';
import { ROOT } from '../lib/serve-app.ts';
import { makeStressData } from '../make-stress-data.ts';
import { animatedFrameRates, frameRates, LONGTASK_SCRIPT, longestTask, mapIdleProbe, renderedStands, standsDrawnProbe } from './map-probe.ts';
import { serveWithData } from './serve-data.ts';
import { yearStep, type YearStepRun } from './year-step.ts';
import { cli } from '../lib/args.ts';

const { values: { 'year-step': yearStepOnly } } = cli({
  name: 'bench',
  usage: 'npm run bench [-- --year-step]',
  about: 'The map at 30k and 200k stands in headless Chromium: the whole GeoJSON in one source against prebuilt tiles.',
  options: { 'year-step': { type: 'boolean', help: 'time only the year control step' } },
});

const PLAN_LAYER_FILES = planLayerFiles();

const VIEWPORT = { width: 640, height: 400 }; // small and fixed: SwiftShader's frame cost grows with the viewport
const DRAW_TIMEOUT_MS = 360_000; // the naive 200k page needs minutes on a loaded machine

interface MapRun {
  drawn_ms: number; stands_on_screen: number; pan_fps: number; zoom_fps: number; longest_frame_gap_ms: number;
  redraw_fps: number; peak_heap_mb: number; longest_task_ms: number; long_tasks: number; requests: number; error?: string;
}
/** Where the pans and zooms happen: the middle of the county, where stands are dense. */
const TOWNSHIP_VIEW: [number, number] = [115.36, 26.33];

async function measure(browser: Browser, url: string, naive: boolean): Promise<MapRun> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'zh-CN' });
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  await context.addInitScript(LONGTASK_SCRIPT);
  const page = await context.newPage();
  let requests = 0;
  page.on('request', () => requests++);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      try {
        const { metrics } = await cdp.send('Performance.getMetrics');
        peak = Math.max(peak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
      } catch { /* page navigating */ }
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  try {
    await page.goto(url);
    const drawn = await page.waitForFunction(naive ? mapIdleProbe : standsDrawnProbe, undefined, { timeout: DRAW_TIMEOUT_MS, polling: 50 });
    const drawnMs = (await drawn.jsonValue()) as number;
    const tasks = await longestTask(page);
    const onScreen = await renderedStands(page);
    const redraw = await frameRates(page);
    const moving = await animatedFrameRates(page, TOWNSHIP_VIEW);
    sampling = false;
    await sampler;
    return {
      drawn_ms: Math.round(drawnMs), stands_on_screen: onScreen, ...moving, redraw_fps: redraw.pan_fps,
      peak_heap_mb: peak / 1e6, longest_task_ms: Math.round(tasks.longest_ms), long_tasks: tasks.count, requests,
    };
  } catch (e) {
    sampling = false;
    await sampler;
    return { drawn_ms: NaN, stands_on_screen: NaN, pan_fps: NaN, zoom_fps: NaN, longest_frame_gap_ms: NaN, redraw_fps: NaN, peak_heap_mb: peak / 1e6, longest_task_ms: NaN, long_tasks: NaN, requests, error: (e as Error).message.split('\n')[0] };
  } finally {
    await context.close();
  }
}

/** The worker's way (binary columns + computeProgress) and the old way (GeoJSON + area pass + computeProgress), in Node. */
function analysisTimes(dataDir: string) {
  const read = (f: string) => JSON.parse(readFileSync(path.join(dataDir, f), 'utf8'));
  // Everything the worker does before it can answer: read and parse the small layers and the stand columns, measure
  // the small layers, then the county pass. Cold (first call in this process), as the worker's first answer is.
  const t0 = performance.now();
  const small = Object.fromEntries((Object.keys(PLAN_LAYER_FILES) as (keyof PlanLayers)[]).filter((k) => k !== 'stands').map((k) => [k, read(PLAN_LAYER_FILES[k])])) as Omit<PlanLayers, 'stands'>;
  const cols = readStandColumns(readFileSync(path.join(dataDir, STAND_COLUMNS_FILE)));
  const layers = { ...small, stands: cols.stands } as unknown as PlanLayers;
  const areas = { ...computeAreas({ ...layers, stands: { type: 'FeatureCollection', features: [] } }), stands: cols.areas };
  const t1 = performance.now();
  const progress = computeProgress(layers, { areas });
  const t2 = performance.now();
  const geo = { ...small, stands: read('stands.geojson') } as PlanLayers;
  const t3 = performance.now();
  const geoAreas = computeAreas(geo);
  const geoProgress = computeProgress(geo, { areas: geoAreas });
  const t4 = performance.now();
  const same = Math.abs(geoProgress.county.forest_land_mu - progress.county.forest_land_mu) < 1e-6 * progress.county.forest_land_mu;
  if (!same) throw new Error(`analysis: columns give ${progress.county.forest_land_mu} mu of forest land, GeoJSON ${geoProgress.county.forest_land_mu}`);
  return { load_ms: t1 - t0, progress_ms: t2 - t1, total_ms: t2 - t0, geojson_areas_progress_ms: t4 - t3, stands: layers.stands.features.length };
}

const r = (v: number, d = 0) => (Number.isFinite(v) ? Math.round(v * 10 ** d) / 10 ** d : null);

const ensure = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/ensure-data.ts')], { stdio: 'inherit', cwd: ROOT });
if (ensure.status !== 0) process.exit(1);
await makeStressData(200_000, path.join(ROOT, 'data-stress'));

/**
 * View for the year step: z12, where the 200k tiles hold individual stands, over dense forest north of the county town
 * (~3,000 stands, ~740 of them upgraded, in a 6 × 6 km box; TOWNSHIP_VIEW sits by the town, with ~190 upgraded).
 */
const YEAR_VIEW: [number, number] = [115.45, 26.5];
let yearSteps: { ours: YearStepRun; naive: YearStepRun } | null = null;

async function measureYearStep(browser: Browser, url: string): Promise<{ ours: YearStepRun; naive: YearStepRun }> {
  await yearStep(browser, url, false, YEAR_VIEW, 12); // throw-away: shader programs compiled once
  const naive = await yearStep(browser, url, true, YEAR_VIEW, 12);
  const ours = await yearStep(browser, url, false, YEAR_VIEW, 12);
  return { ours, naive };
}

function printYearStep(y: { ours: YearStepRun; naive: YearStepRun }): void {
  console.log(`\nyear step 2021→2025 at 200k stands, upgraded stands on, z12 township view (640×400):`);
  for (const [name, run] of [['naive (GeoJSON source rebuilt with setData)', y.naive], ['ours (setFilter on the vector tiles)', y.ours]] as const) {
    // PerformanceObserver reports only tasks over 50 ms: none means every task stayed under that.
    const longest = run.long_tasks === 0 ? '< 50 ms (no long task)' : `${run.longest_task_ms} ms`;
    console.log(`  ${name.padEnd(44)} longest main-thread task ${longest.padStart(22)}, ${run.long_tasks} long tasks, main thread busy ${run.main_thread_ms} ms, ` +
      `change → idle ${run.step_ms.join(' / ')} ms, ${run.drawn_2025} drawn at 2025${run.error ? ` (${run.error})` : ''}`);
  }
}

if (yearStepOnly) {
  const browser = await launchBrowser();
  try {
    const app = await serveWithData('data-stress', 'dist-bench-200k');
    try {
      yearSteps = await measureYearStep(browser, app.url);
    } finally {
      await app.close();
    }
  } finally {
    await browser.close();
  }
  printYearStep(yearSteps);
  console.log(JSON.stringify({ year_step_longest_task_ms: yearSteps.ours.longest_task_ms, naive_year_step_longest_task_ms: yearSteps.naive.longest_task_ms,
    year_step_ms: yearSteps.ours.step_ms, naive_year_step_ms: yearSteps.naive.step_ms,
    year_step_main_thread_ms: yearSteps.ours.main_thread_ms, naive_year_step_main_thread_ms: yearSteps.naive.main_thread_ms, load_average: r(os.loadavg()[0], 1) }));
  process.exit(0);
}

const sets = [
  { key: '30k', dataDir: 'data', outDir: 'dist-bench-30k' },
  { key: '200k', dataDir: 'data-stress', outDir: 'dist-bench-200k' },
];
const results: Record<string, { ours: MapRun; naive: MapRun; stands: number }> = {};
const browser = await launchBrowser();
try {
  for (const set of sets) {
    const stands = (JSON.parse(readFileSync(path.join(ROOT, set.dataDir, 'summary.json'), 'utf8')) as { stands: number }).stands;
    console.log(`bench: building against ${set.dataDir}/ (${stands} stands) …`);
    const app = await serveWithData(set.dataDir, set.outDir);
    try {
      // A throw-away visit first: SwiftShader compiles the map's shader programs once per browser (~1 s here), and
      // whichever page went first would pay for both. Then naive and ours, each in a fresh context (cold HTTP cache).
      await measure(browser, app.url, false);
      const naive = await measure(browser, `${app.url}?source=geojson`, true);
      const ours = await measure(browser, app.url, false);
      results[set.key] = { ours, naive, stands };
      if (set.key === '200k') yearSteps = await measureYearStep(browser, app.url);
      console.log(`  ${set.key}: ours drawn ${ours.drawn_ms} ms, naive ${naive.drawn_ms} ms${naive.error ? ` (${naive.error})` : ''}`);
    } finally {
      await app.close();
    }
  }
} finally {
  await browser.close();
}

console.log('bench: Node-side analysis of 200k stands …');
const analysis = analysisTimes(path.join(ROOT, 'data-stress'));

const rows: [string, (m: MapRun) => number | null][] = [
  ['navigation → stands drawn (ms)', (m) => r(m.drawn_ms)],
  ['stands on screen at county view', (m) => r(m.stands_on_screen)],
  ['pan z11, new ground (fps rendered)', (m) => r(m.pan_fps, 1)],
  ['zoom z9→z13 (fps rendered)', (m) => r(m.zoom_fps, 1)],
  ['longest gap between frames (ms)', (m) => r(m.longest_frame_gap_ms)],
  ['redraw of a loaded view (fps)', (m) => r(m.redraw_fps, 1)],
  ['peak main-thread JS heap (MB)', (m) => r(m.peak_heap_mb, 1)],
  ['longest main-thread task in load (ms)', (m) => r(m.longest_task_ms)],
  ['long tasks (>50 ms) in load', (m) => r(m.long_tasks)],
  ['requests', (m) => m.requests],
];
console.log(`\nload average ${os.loadavg().map((v) => v.toFixed(1)).join(' ')} (2 cores, shared)`);
console.log(`viewport ${VIEWPORT.width}×${VIEWPORT.height}, headless Chromium + SwiftShader; naive = whole GeoJSON source, ours = vector tiles`);
console.log('naive "drawn" = map idle with the GeoJSON source loaded (at county view MapLibre drops sub-pixel polygons, so it may show none)\n');
console.log(`${'figure'.padEnd(42)}${'30k naive'.padStart(12)}${'30k ours'.padStart(12)}${'200k naive'.padStart(12)}${'200k ours'.padStart(12)}`);
for (const [label, get] of rows) {
  console.log(`${label.padEnd(42)}${[results['30k'].naive, results['30k'].ours, results['200k'].naive, results['200k'].ours].map((m) => String(get(m)).padStart(12)).join('')}`);
}
console.log(`\nanalysis of ${analysis.stands} stands in Node: columns load ${r(analysis.load_ms)} ms + computeProgress ${r(analysis.progress_ms)} ms = ${r(analysis.total_ms)} ms ` +
  `(GeoJSON in memory + area pass + computeProgress: ${r(analysis.geojson_areas_progress_ms)} ms)`);

if (yearSteps) printYearStep(yearSteps);

const big = results['200k'];
const small = results['30k'];
const ratio = (a: number, b: number) => r(a / b, 2);
console.log(JSON.stringify({
  stands: big.stands,
  ours_drawn_ms: r(big.ours.drawn_ms), naive_drawn_ms: r(big.naive.drawn_ms),
  ours_pan_fps: r(big.ours.pan_fps, 1), naive_pan_fps: r(big.naive.pan_fps, 1),
  ours_zoom_fps: r(big.ours.zoom_fps, 1), naive_zoom_fps: r(big.naive.zoom_fps, 1),
  ours_frame_gap_ms: r(big.ours.longest_frame_gap_ms), naive_frame_gap_ms: r(big.naive.longest_frame_gap_ms),
  ours_redraw_fps: r(big.ours.redraw_fps, 1), naive_redraw_fps: r(big.naive.redraw_fps, 1),
  ours_stands_on_screen: big.ours.stands_on_screen, naive_stands_on_screen: big.naive.stands_on_screen,
  longest_task_ms: r(big.ours.longest_task_ms), naive_longest_task_ms: r(big.naive.longest_task_ms),
  ours_peak_heap_mb: r(big.ours.peak_heap_mb, 1), naive_peak_heap_mb: r(big.naive.peak_heap_mb, 1),
  analysis_ms: r(analysis.total_ms), analysis_load_ms: r(analysis.load_ms), analysis_progress_ms: r(analysis.progress_ms), analysis_geojson_ms: r(analysis.geojson_areas_progress_ms),
  drawn_speedup: ratio(big.naive.drawn_ms, big.ours.drawn_ms), pan_fps_ratio: ratio(big.ours.pan_fps, big.naive.pan_fps),
  stands_30k: small.stands, ours_drawn_ms_30k: r(small.ours.drawn_ms), naive_drawn_ms_30k: r(small.naive.drawn_ms),
  ours_pan_fps_30k: r(small.ours.pan_fps, 1), naive_pan_fps_30k: r(small.naive.pan_fps, 1),
  longest_task_ms_30k: r(small.ours.longest_task_ms), naive_longest_task_ms_30k: r(small.naive.longest_task_ms),
  ours_peak_heap_mb_30k: r(small.ours.peak_heap_mb, 1), naive_peak_heap_mb_30k: r(small.naive.peak_heap_mb, 1),
  pan_fps_ratio_30k: ratio(small.ours.pan_fps, small.naive.pan_fps), zoom_fps_ratio: ratio(big.ours.zoom_fps, big.naive.zoom_fps),
  naive_error: big.naive.error ?? null, load_average: r(os.loadavg()[0], 1),
  year_step_longest_task_ms: yearSteps?.ours.longest_task_ms ?? null, naive_year_step_longest_task_ms: yearSteps?.naive.longest_task_ms ?? null,
  year_step_main_thread_ms: yearSteps?.ours.main_thread_ms ?? null, naive_year_step_main_thread_ms: yearSteps?.naive.main_thread_ms ?? null,
  targets_met: big.ours.drawn_ms <= 3000 && big.ours.pan_fps >= 2 * big.naive.pan_fps && big.ours.longest_task_ms <= 200 && analysis.total_ms <= 1000,
}));
