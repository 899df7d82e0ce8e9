// Zonal counts into the rows the app shows: class-table order and names, 亩 from m², forest share, the rasters chosen.
import { describe, expect, it } from 'vitest';
import { M2_PER_MU } from '../geo/units.ts';
import { LAND_COVER_CLASSES } from './classes.ts';
import type { RasterEntry, RasterManifest } from './manifest.ts';
import { landCoverOf, summariseCategorical, summariseContinuous, summaryRasters } from './zone-summary.ts';

const entry = (id: string, kind: RasterEntry['kind'], year: number): RasterEntry => ({
  id, kind, year, name: { zh: id, en: id }, file: `rasters/${id}.tif`, crs: 'EPSG:4547', width: 10, height: 10,
  geotransform: [0, 10, 0, 0, 0, -10], bounds: [115, 26, 115.1, 26.1], bands: kind === 'imagery' ? 3 : 1, data_type: kind === 'continuous' ? 'float32' : 'uint8',
  nodata: 0, classes: kind === 'categorical' ? [...LAND_COVER_CLASSES] : undefined, audience: 'internal', sample_data: true, source: {},
});

describe('zone summaries', () => {
  it('picks the latest land cover and the latest year of each continuous series, never imagery', () => {
    const m: RasterManifest = { format: 'xingguo-rasters-1', rasters: [entry('landcover-2020', 'categorical', 2020), entry('landcover-2025', 'categorical', 2025), entry('imagery-2025', 'imagery', 2025), entry('ndvi-2020', 'continuous', 2020), entry('ndvi-2024', 'continuous', 2024)] };
    expect(summaryRasters(m).map((e) => e.id)).toEqual(['landcover-2025', 'ndvi-2024']);
    expect(summaryRasters({ format: 'xingguo-rasters-1', rasters: [] })).toEqual([]);
  });
  it('rows in class-table order, named, in 亩; forest and bamboo make the forest share; unknown values named by number', () => {
    const s = summariseCategorical(entry('landcover-2025', 'categorical', 2025), {
      classes: [{ value: 1, pixels: 10, area_m2: 1000 }, { value: 2, pixels: 5, area_m2: 500 }, { value: 4, pixels: 3, area_m2: 300 }, { value: 9, pixels: 1, area_m2: 100 }],
      nodata_pixels: 2, outside: false,
    });
    expect(s.rows.map((r) => [r.key, r.name.zh, r.area_mu])).toEqual([['forest', '乔木林', 1000 / M2_PER_MU], ['bamboo', '竹林', 500 / M2_PER_MU], ['cropland', '耕地', 300 / M2_PER_MU], ['class-9', '类别 9', 100 / M2_PER_MU]]);
    expect(s.total_mu).toBeCloseTo(1900 / M2_PER_MU, 12);
    expect(s.forest_mu).toBeCloseTo(1500 / M2_PER_MU, 12);
    expect(s.nodata_pixels).toBe(2);
    expect(landCoverOf([summariseContinuous(entry('ndvi-2024', 'continuous', 2024), { stats: null, pixels: 0, nodata_pixels: 0, outside: true }), s])).toBe(s);
    expect(landCoverOf(undefined)).toBeNull();
  });
});
