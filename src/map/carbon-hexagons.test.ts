import { describe, expect, it } from 'vitest';
import { densityOf, pointsFromBuffer } from './carbon-hexagons.ts';
import { computeAreas } from '../core/plan/layers.ts';
import { computeProgress } from '../core/plan/progress.ts';
import { fixtureLayers } from '../core/plan/fixture.testutil.ts';
import { standCentroids } from '../core/io/binary/stand-points.ts';

describe('hexagon points: forest stands only, t C per ha of forest', () => {
  it('the density of all points equals the county forest carbon density of the dashboard', () => {
    const layers = fixtureLayers();
    const areas = computeAreas(layers);
    const p = computeProgress(layers, { areas });
    const { carbon_stock_tCO2e, forest } = p.summary.perStand;
    const packed = standCentroids(layers.stands.features, areas.stands, carbon_stock_tCO2e, forest);
    // fixture: S2 (canopy 0.15) and S7 (宜林地) are not forest → 8 of 10 stands
    expect(packed.count).toBe(8);
    const points = pointsFromBuffer(packed.data, packed.count);
    expect(densityOf(points)).toBeCloseTo(p.county.carbon_density_tC_per_ha, 9);
  });
});
