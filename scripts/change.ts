// npm run change -- --from 2020 --to 2025 [--data dir] [--out patches.geojson] [--mmu 1] [--classes table.json] [--json]
// Forest loss and gain between two years of a release's land cover → 监测图斑 (monitoring patches) as GeoJSON, each with
// area (亩), township, the stands it touches, the carbon stock at stake and whether the release's data explains it
// (planned 更新 felling, an approved project, a restored mine, a 碳汇造林 plot …); status 待核查. The same core as the
// sample's monitoring-patches.geojson (src/core/raster/change.ts, change-context.ts).
// --from/--to: a year of the release's rasters.json (categorical rasters) or a .tif file. Without --out the GeoJSON goes
// to stdout and the summary to stderr; with --out the summary goes to stdout (one JSON object with --json).
// Exit codes: 0 ok, 1 bad input (the message names the file and the problem), 2 bad usage.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { describeError } from '../src/core/io/errors.ts';
import { parseClassTable } from '../src/core/raster/classes.ts';
import { RasterError } from '../src/core/raster/read.ts';
import { cli, SHARED_OPTIONS } from './lib/args.ts';
import { resolveDataDir } from './lib/data-dir.ts';
import { ChangeInputError, changeFromRelease, changeGeoJSON } from './raster/change-run.ts';
import { useNodeZlib } from './raster/node-zlib.ts';

const SPEC = {
  name: 'change',
  usage: 'npm run change -- --from <year|file.tif> --to <year|file.tif> [--data dir] [--out patches.geojson] [--mmu 1] [--classes table.json] [--json]',
  about: 'Forest loss and gain between two years of land cover → 监测图斑 (GeoJSON). Exit codes: 0 ok, 1 bad input, 2 bad usage.',
  options: {
    from: { type: 'string', help: 'the earlier year (of rasters.json) or land-cover .tif (required)' },
    to: { type: 'string', help: 'the later year or land-cover .tif (required)' },
    data: SHARED_OPTIONS.data,
    out: { type: 'string', help: 'write the GeoJSON here (default: stdout)' },
    mmu: { type: 'number', min: 0, default: 1, help: 'minimum mapping unit in 亩' },
    classes: { type: 'string', help: 'a class table (JSON) for rasters that rasters.json does not describe' },
    json: SHARED_OPTIONS.json,
  },
} as const;

async function main(): Promise<number> {
  const { values: v } = cli(SPEC);
  if (!v.from || !v.to) {
    process.stderr.write(`change: no ${!v.from ? '--from' : '--to'} given\nusage: ${SPEC.usage}\n`);
    return 2;
  }
  useNodeZlib();
  const dataDir = resolveDataDir(v.data);
  try {
    const classes = v.classes ? parseClassTable(readFileSync(v.classes, 'utf8'), v.classes) : undefined;
    const t0 = performance.now();
    const run = await changeFromRelease(dataDir, v.from, v.to, v.mmu, classes);
    const text = changeGeoJSON(run);
    const p = run.patches;
    const summary = {
      from: run.files[0], to: run.files[1], from_year: p[0]?.from_year ?? null, to_year: p[0]?.to_year ?? null, mmu_mu: v.mmu,
      patches: p.length,
      loss: { patches: p.filter((x) => x.kind === 'loss').length, area_mu: sum(p.filter((x) => x.kind === 'loss').map((x) => x.area_mu)) },
      gain: { patches: p.filter((x) => x.kind === 'gain').length, area_mu: sum(p.filter((x) => x.kind === 'gain').map((x) => x.area_mu)) },
      unexplained: p.filter((x) => !x.explained).length,
      carbon_at_stake_tC: sum(p.filter((x) => x.kind === 'loss').map((x) => x.carbon_stock_tC)),
      below_mmu: run.result.below_mmu,
      out: v.out ?? null,
      ms: Math.round(performance.now() - t0),
    };
    if (v.out) {
      writeFileSync(`${v.out}.partial`, text);
      renameSync(`${v.out}.partial`, v.out);
    } else process.stdout.write(text);
    const human = `change ${summary.from_year ?? v.from} → ${summary.to_year ?? v.to}: ${summary.patches} 监测图斑 (≥ ${v.mmu} 亩) — loss ${summary.loss.patches} (${summary.loss.area_mu.toFixed(1)} 亩, carbon stock at stake ${summary.carbon_at_stake_tC.toFixed(0)} t C), gain ${summary.gain.patches} (${summary.gain.area_mu.toFixed(1)} 亩); ${summary.unexplained} not explained by the data (待核查); ${summary.below_mmu.patches} smaller groups of changed pixels dropped; ${summary.ms} ms\n`;
    if (!v.out) process.stderr.write(human);
    else process.stdout.write(v.json ? `${JSON.stringify(summary)}\n` : human);
    return 0;
  } catch (e) {
    if (e instanceof RasterError || e instanceof ChangeInputError) process.stderr.write(`change: ${e.message}\n`);
    else process.stderr.write(`change: ${describeError(e)}\n`);
    return 1;
  }
}

const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;

process.exitCode = await main();
