// Benchmark of the public page (dist-public): initial JavaScript and time to the first rendered choropleth.
//   initial_js_gzip_kb  the JS files index.html loads eagerly (module scripts and modulepreloads), gzip level 9,
//                       kB = 1000 bytes; the map worker and lazily imported chunks are listed apart, not counted.
//   first_render_ms     navigation → the township fill drawn in the default indicator, in headless Chromium
//                       (SwiftShader, CPU): MapLibre answers queryRenderedFeatures for the fill and a 1-px
//                       readPixels returns (after 'idle' the pixels may not exist yet). Median of --runs cold loads.
// Baseline timed in the same run, interleaved: the same page fed the full-detail neighbours outline (data/neighbours.geojson,
// 453 kB) instead of the pipeline's simplified copy, to show what the simplification buys (ratio printed).
// The last line printed is exactly one JSON object: {"initial_js_gzip_kb": n, "first_render_ms": n}.
// Usage: npm run bench:public [-- --runs 3 --width 1280 --height 800 --no-build]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildApp, ROOT, serveBuilt } from '../lib/serve-app.ts';
import { launchBrowser, openRecordedPage, waitForChoropleth } from '../lib/browser.ts';
import { cli } from '../lib/args.ts';

const DIST = path.join(ROOT, 'dist-public');

const { values: args } = cli({
  name: 'bench:public',
  usage: 'npm run bench:public [-- --runs 3 --width 1280 --height 800 --no-build]',
  options: {
    runs: { type: 'integer', default: 3, min: 1, help: 'cold loads (the median counts)' },
    width: { type: 'integer', default: 1280, min: 1, help: 'viewport width in px' },
    height: { type: 'integer', default: 800, min: 1, help: 'viewport height in px' },
    'no-build': { type: 'boolean', help: 'use the dist-public/ already built' },
  },
});

// kB = 1000 bytes, as Vite prints sizes (and as the 355 kB floor in toolchain-notes.md was measured)
const kb = (bytes: number) => Math.round(bytes / 100) / 10;
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** JS the HTML loads before anything else runs: <script type="module" src> and <link rel="modulepreload" href>. */
function eagerScripts(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) out.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) out.add(m[1]);
  return [...out].map((u) => path.join(DIST, u.replace(/^\.\//, '')));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const runs = args.runs;
const viewport = { width: args.width, height: args.height };
if (!args['no-build']) {
  console.log('bench:public: building dist-public …');
  await buildApp('vite.public.config.ts', { XG_TEST_HOOKS: '1' }); // window.__map for the probe (src/test-hooks.ts)
}

const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
const eager = eagerScripts(html);
if (eager.length === 0) throw new Error(`${path.join(DIST, 'index.html')}: no module script found`);
const assets = readdirSync(path.join(DIST, 'assets')).map((f) => path.join(DIST, 'assets', f));
const initialGzip = eager.reduce((s, f) => s + gz(f), 0);
const initialRaw = eager.reduce((s, f) => s + readFileSync(f).length, 0);
console.log('Initial JS (loaded by index.html):');
for (const f of eager) console.log(`  ${path.relative(DIST, f).padEnd(44)} ${String(kb(readFileSync(f).length)).padStart(8)} kB raw ${String(kb(gz(f))).padStart(7)} kB gzip`);
console.log('Other assets (not counted: worker started by the map, lazy chunks, CSS):');
for (const f of assets.filter((a) => !eager.includes(a))) console.log(`  ${path.relative(DIST, f).padEnd(44)} ${String(kb(readFileSync(f).length)).padStart(8)} kB raw ${String(kb(gz(f))).padStart(7)} kB gzip`);
const forbidden = assets.filter((f) => /\.m?js$/.test(f) && /deck\.gl|echarts/i.test(readFileSync(f, 'utf8')));
if (forbidden.length) console.log(`  warning: deck.gl or echarts code found in ${forbidden.map((f) => path.basename(f)).join(', ')}`);

const fullNeighbours = path.join(ROOT, 'data', 'neighbours.geojson');
const server = await serveBuilt('vite.public.config.ts');
const browser = await launchBrowser();
const times: number[] = [];
const baseline: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    for (const full of existsSync(fullNeighbours) ? [false, true] : [false]) {
      const rec = await openRecordedPage(browser, viewport); // a fresh context each run: cold cache, like a first visit
      if (full) await rec.page.route(/data\/public\/neighbours\.geojson$/, (r) => r.fulfill({ contentType: 'application/geo+json', body: readFileSync(fullNeighbours) }));
      await rec.page.goto(server.url);
      (full ? baseline : times).push(await waitForChoropleth(rec.page, 'coverage', 120_000));
      await rec.page.context().close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
const list = (xs: number[]) => xs.map((t) => `${Math.round(t)} ms`).join(', ');
console.log(`First render at ${viewport.width}×${viewport.height}: ${list(times)} (median of ${runs})`);
if (baseline.length) {
  console.log(`Baseline, full-detail neighbours outline: ${list(baseline)} (median ${Math.round(median(baseline))} ms)`);
  console.log(`Simplified / full-detail neighbours: ${(median(times) / median(baseline)).toFixed(2)}× the time to first render`);
}
console.log(`Initial JS: ${kb(initialRaw)} kB raw, ${kb(initialGzip)} kB gzip (target ≤ 400 kB gzip)`);
console.log(JSON.stringify({ initial_js_gzip_kb: kb(initialGzip), first_render_ms: Math.round(median(times)) }));
