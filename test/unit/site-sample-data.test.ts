// Site analysis on the real sample data (skipped until data/ exists) against an independent computation: every stand
// scanned with turf's bbox and intersect (no index, no fast clipping), areas by measure.ts, carbon pro rata.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bbox } from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { analyseSite, buildSiteIndex } from '../../src/core/analysis/index.ts';
import { computeAreas, type PlanLayers, type StandLike } from '../../src/core/plan/layers.ts';
import { planLayerFiles } from '../../src/layers/analysis-roles.ts';
import { referenceSiteOverlap } from '../fixtures/site-reference.ts';
import { overlapSources } from '../../src/layers/analysis-roles.ts';

const PLAN_LAYER_FILES = planLayerFiles();

const DATA = path.resolve(import.meta.dirname, '../../data');
const has = existsSync(path.join(DATA, 'stands.geojson')) && existsSync(path.join(DATA, 'wetlands.geojson'));

describe.skipIf(!has)('site analysis on the sample data', () => {
  it('matches a full turf scan for three sites', () => {
    const layers = Object.fromEntries(Object.entries(PLAN_LAYER_FILES).filter(([, f]) => existsSync(path.join(DATA, f)))
      .map(([k, f]) => [k, JSON.parse(readFileSync(path.join(DATA, f), 'utf8')) as FeatureCollection])) as unknown as PlanLayers;
    const index = buildSiteIndex(layers, computeAreas(layers), overlapSources(layers));
    const stands = layers.stands.features as Feature<Polygon, StandLike>[];
    for (const k of [0.21, 0.5, 0.77]) {
      const s = stands[Math.floor(k * stands.length)];
      const [x0, y0, x1, y1] = bbox(s);
      const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, d = 0.006;
      const site: Polygon = { type: 'Polygon', coordinates: [[[cx - d, cy - d], [cx + d, cy - d * 0.5], [cx + d * 1.2, cy + d], [cx, cy + d * 0.4], [cx - d, cy + d], [cx - d, cy - d]]] };
      const { mu, co2 } = referenceSiteOverlap(site, stands);
      const a = analyseSite(index, site, { type: '光伏', year: 2026 });
      expect(a.stands.area_mu).toBeGreaterThan(0);
      expect(Math.abs(a.stands.area_mu - mu)).toBeLessThan(1e-4 * mu + 0.01);
      expect(Math.abs(a.stands.carbon_stock_tCO2e - co2)).toBeLessThan(1e-4 * co2 + 0.01);
    }
  }, 60_000);
});
