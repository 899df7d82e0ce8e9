// Benchmark of the field page (issue 26), on a phone viewport against the real server (src/server) and the built page:
//  1. one township's offline area — the size the page says (GET /api/field/offline-plan) and the time from pressing
//     下载 until the page says the area is ready (every file fetched and stored in Cache Storage);
//  2. recording a 2,000-point walk (fixes replayed through Chromium's geolocation override): the longest main-thread
//     task while recording (PerformanceObserver 'longtask', tasks ≥ 50 ms). Baseline in the same run: the same fixes
//     replayed with the GPS on but nothing recorded (the page showing the position only), so the ratio says what
//     recording adds. Target: ≤ 100 ms.
// Last line: one JSON object.
//
// Usage: npm run bench:field [-- --township 360732100 --points 2000]
import path from 'node:path';
import { cli } from '../lib/args.ts';
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { bboxOf } from '../../src/core/geo/positions.ts';
import { ROOT } from '../lib/serve-app.ts';
import { simulatedWalk } from '../lib/simulated-walk.ts';
import { openFieldPage, serveField } from '../lib/field-site.ts';
import { launchBrowser, waitWith } from '../lib/browser.ts';

const { values } = cli({
  name: 'bench:field',
  usage: 'npm run bench:field [-- --township CODE --points N]',
  about: 'Size and time of one township\'s offline area on the field page, and the longest main-thread task while recording a walk.',
  options: {
    township: { type: 'string', default: '360732100', help: 'the 9-digit township code of the offline area' },
    points: { type: 'integer', default: 2000, min: 10, help: 'fixes in the recorded walk' },
  },
});

// The pages are built (or reused) by the server's start, as `npm start` does, with the test hooks (window.__map).
process.env.XG_TEST_HOOKS = '1';
const site = await serveField();
const browser = await launchBrowser();
try {
  const townships = JSON.parse(readFileSync(path.join(ROOT, 'data/townships.geojson'), 'utf8')) as FeatureCollection;
  const t = townships.features.find((f) => f.properties?.code === values.township);
  if (!t) throw new Error(`no township ${values.township} in data/townships.geojson`);
  const [w, s, e, n] = bboxOf(t.geometry)!;
  const centre: [number, number] = [(w + e) / 2, (s + n) / 2];
  const fp = await openFieldPage(browser, site, centre);
  const { page } = fp;
  await page.locator('.field-tabs button', { hasText: '离线' }).click();
  await waitWith(page, (code: string) => !!document.querySelector(`[data-testid="area-choice"] option[value="t-${code}"]`), values.township, 30_000, 'the township choice');
  await page.selectOption('[data-testid="area-choice"]', `t-${values.township}`);
  await page.getByRole('button', { name: '计算大小' }).click();
  const size = await page.locator('[data-testid="area-size"]').textContent({ timeout: 30_000 });
  const mb = Number(/需下载 ([\d.,]+) MB/.exec(size ?? '')![1].replace(/,/g, ''));
  const t0 = Date.now();
  await page.getByRole('button', { name: '下载' }).click();
  await page.locator('[data-testid="area-message"]', { hasText: '已可离线使用' }).waitFor({ timeout: 600_000 });
  const seconds = (Date.now() - t0) / 1000;

  // The walk: a square whose perimeter at 2 m spacing gives the wanted number of fixes.
  const side = (values.points * 2.5) / 4;
  const walk = simulatedWalk({ cornersM: [[0, 0], [side, 0], [side, side], [0, side]], origin: centre, spacingM: 2.5, accuracyM: 5, correlationM: 12.5, seed: 'bench-field', poorEvery: 0 });
  const fixes = walk.fixes.slice(0, values.points);
  await page.locator('.field-tabs button', { hasText: '地图' }).click();
  await page.evaluate(() => {
    const w = window as unknown as { __longest: number; __longtasks: number };
    w.__longest = 0;
    w.__longtasks = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        w.__longest = Math.max(w.__longest, e.duration);
        w.__longtasks++;
      }
    }).observe({ type: 'longtask' });
  });
  const longestSoFar = () => page.evaluate(() => {
    const w = window as unknown as { __longest: number; __longtasks: number };
    const out = { longest: w.__longest, count: w.__longtasks };
    w.__longest = 0;
    w.__longtasks = 0;
    return out;
  });
  const replay = async () => {
    for (const f of fixes) await fp.context.setGeolocation({ longitude: f.lon, latitude: f.lat, accuracy: f.accuracy });
  };
  // Baseline: the position shown (accuracy circle, follow mode), nothing recorded.
  await page.getByRole('button', { name: '开始定位' }).click();
  await page.locator('[data-testid="position"]').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  await longestSoFar();
  await replay();
  await page.waitForTimeout(1000);
  const baseline = await longestSoFar();
  await page.getByRole('button', { name: '开始走边界' }).click();
  await page.locator('[data-testid="walk-status"]').waitFor();
  await replay();
  // The count settles when the page has taken every fix it got (fixes closer than 2 m to the last are skipped, and
  // Chromium may merge overrides, so it is below the number sent).
  let kept = -1;
  for (let i = 0; i < 240; i++) {
    await page.waitForTimeout(500);
    const now = Number(/已记录 (\d+) 点/.exec((await page.locator('[data-testid="walk-status"]').textContent()) ?? '')?.[1] ?? -1);
    if (now === kept) break;
    kept = now;
  }
  await page.getByRole('button', { name: '闭合成面' }).click();
  await page.locator('[data-testid="walk-area"]').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(500);
  const { longest, count } = await longestSoFar();
  await fp.context.close();
  console.error(`bench:field: ${fixes.length} fixes replayed (${kept} kept), ${count} long tasks (≥ 50 ms) while recording and closing; baseline (GPS shown, not recording): longest ${Math.round(baseline.longest)} ms, ${baseline.count} long tasks`);
  console.log(JSON.stringify({
    township: String(t.properties?.name), offline_area_mb: Math.round(mb * 10) / 10, offline_area_s: Math.round(seconds * 10) / 10,
    track_points: fixes.length, track_longest_task_ms: Math.round(longest), track_long_tasks: count, target_ms: 100,
    baseline_gps_only_longest_task_ms: Math.round(baseline.longest), ratio_to_baseline: baseline.longest > 0 ? Math.round((longest / baseline.longest) * 100) / 100 : null,
  }));
} finally {
  await browser.close();
  await site.close();
}
