// Generator settings and the totals it aims for. Ranges are what the tests accept; aims sit inside them, deliberately
// off the plan's round numbers (三(八)2 and 三(十)2 of the plan) so that progress has something to show.
import { LAYERS } from '../../src/layers/registry.ts';

/** Bump when the output changes, so scripts/ensure-data.ts regenerates stale data. */
export const GENERATOR_VERSION = 'sample-data-3';
export const SEED = 20250732;

/** Mean stand spacing (m); ≈ 7.8 ha Voronoi cells, so ≈ 32,000 stands cover the forest land. */
export const STAND_SPACING_M = 279;

export interface Target {
  aim: number;
  min: number;
  max: number;
}
const t = (aim: number, min: number, max: number): Target => ({ aim, min, max });

/** Areas in 亩, stock in m³, coverage in %. */
export const TARGETS = {
  forestLandMu: t(3_725_000, 3_700_000, 3_750_000),
  coveragePct: t(75.3, 75.25, 75.35),
  stockM3: t(13_050_000, 12_610_000, 13_390_000),
  upgrade: {
    更新: t(28_600, 28_000, 29_000),
    补植: t(153_300, 152_000, 155_000),
    抚育: t(146_100, 144_000, 148_000),
    封育: t(429_400, 425_000, 435_000),
  },
  carbonAfforestationMu: t(9_400, 9_000, 9_700),
  oilTea: {
    新造高产: t(21_000, 20_500, 21_500),
    低产改造: t(47_400, 46_000, 49_000),
  },
} as const;

/** Layer files the raster step writes (scripts/sample-data/rasters.ts: the 监测图斑 of the sample's land cover). */
export const RASTER_STEP_FILES: readonly string[] = ['monitoring-patches.geojson'];

/**
 * The files of the data contract (described in data/README.md), all written to data/: every file a registry layer reads
 * (source and label points), less the public aggregates under public/ that scripts/build-public-data.ts derives and
 * the files of the raster step (a release without rasters has none; the app says so where they are used).
 */
export const CONTRACT_FILES: readonly string[] = [...new Set(LAYERS.flatMap((l) => [l.source.file, l.labels?.file]))]
  .filter((f): f is string => !!f && !f.startsWith('public/') && !RASTER_STEP_FILES.includes(f));

export const SUMMARY_FILE = 'summary.json';
